package com.storewire.connectors.logiwa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.InstanceBudget;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.ConnectorAlertReason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logiwa's Integration API as its own rules have it (VENDORS.md): password-grant bearer tokens,
 * RPC-style {@code POST /en/api/IntegrationApi/{Method}}, throttling answered as HTTP 403 with the
 * wait in the message, and refusals as HTTP 200 with {@code "Success":false}.
 */
final class LogiwaApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RETRY_AFTER_MILLIS =
      Pattern.compile("retry after (\\d+) milliseconds", Pattern.CASE_INSENSITIVE);

  private final String baseUrl;
  private final String username;
  private final String password;
  private final Clock clock;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10), LogiwaApi::classify);
  private final InstanceBudget plan;

  /**
   * {@code plan} is this instance's part of the plan's limit (Standard: 1 request/s and 60/min;
   * Enterprise: 113 ms; Premium: 50 ms). Logiwa sends no rate headers, so the client keeps to the
   * plan rather than learn it from refusals; a 403 throttle is still waited out.
   */
  LogiwaApi(String baseUrl, String username, String password, InstanceBudget plan, Clock clock) {
    this.plan = plan;
    this.baseUrl = baseUrl;
    this.username = username;
    this.password = password;
    this.clock = clock;
  }

  /** {@code POST /token}: Logiwa's tokens last about two weeks and are fetched again on a 401. */
  AccessToken.Issued token() {
    String form =
        "grant_type=password&username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return AccessToken.granted(
        http.sendForJson(
            HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))),
        clock,
        Duration.ofDays(14).toSeconds());
  }

  /** Calls {@code method}; the answer is one Logiwa called a success. */
  JsonNode call(String token, String method, JsonNode body) {
    plan.acquire(1);
    return http.sendForJson(
        HttpRequest.newBuilder(URI.create(baseUrl + "/en/api/IntegrationApi/" + method))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private static VendorFailure classify(HttpResponse<String> response) {
    String body = response.body();
    if (response.statusCode() == 403 && body.contains("throttled")) {
      Matcher wait = RETRY_AFTER_MILLIS.matcher(body);
      return VendorFailure.retryable(
          ConnectorAlertReason.RATE_LIMITED,
          403,
          wait.find() ? Duration.ofMillis(Long.parseLong(wait.group(1))) : Duration.ofSeconds(1),
          body);
    }
    if (response.statusCode() == 200 && body.contains("\"Success\"")) {
      try {
        JsonNode answer = JSON.readTree(body);
        if (!answer.path("Success").asBoolean(true)) {
          return VendorFailure.permanent(200, "Logiwa refused: " + answer.path("Errors"));
        }
      } catch (IOException e) {
        return null; // unreadable answers are VendorHttp's to classify
      }
    }
    return null;
  }
}
