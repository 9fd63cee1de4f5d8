package com.storewire.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.ConnectorAlertReason;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Every vendor call goes through here: a timeout on each call, and the classification HTTP itself
 * gives (no answer or 5xx: retryable; 429: retryable after the vendor's Retry-After; 401/403: auth;
 * other 4xx: permanent). Adapters add what only their vendor says (Shopify's THROTTLED with HTTP
 * 200, eBay's error ids, Logiwa's 403 throttle).
 */
public final class VendorHttp {

  /** An answer that was not a failure by HTTP's own measure. */
  public record Answer(int status, HttpResponse<String> response) {
    public String body() {
      return response.body();
    }

    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }
  }

  /**
   * What a vendor says in its own way before HTTP's rules apply: a failure, or null to fall through
   * (Logiwa's throttle is a 403, Logiwa's refusals are 200 with {@code "Success":false}).
   */
  @FunctionalInterface
  public interface VendorRules {
    VendorFailure classify(HttpResponse<String> response);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Duration timeout;
  private final VendorRules rules;

  public VendorHttp(Duration timeout) {
    this(timeout, response -> null);
  }

  public VendorHttp(Duration timeout, VendorRules rules) {
    this.timeout = timeout;
    this.rules = rules;
  }

  public Answer send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.TIMEOUT,
          null,
          null,
          "no answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.UNAVAILABLE, null, null, "connection failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VendorFailure.retryable(ConnectorAlertReason.UNAVAILABLE, null, null, "interrupted");
    }
    VendorFailure vendorSays = rules.classify(response);
    if (vendorSays != null) {
      throw vendorSays;
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw VendorFailure.auth(status, response.body());
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter =
          response.headers().firstValue("Retry-After").map(VendorHttp::seconds).orElse(null);
      throw VendorFailure.retryable(
          status == 429 ? ConnectorAlertReason.RATE_LIMITED : ConnectorAlertReason.UNAVAILABLE,
          status,
          retryAfter,
          response.body());
    }
    return new Answer(status, response);
  }

  /** Sends, requires success, and reads the answer as JSON. */
  public JsonNode sendForJson(HttpRequest.Builder request) {
    Answer answer = send(request);
    requireSuccess(answer);
    return json(answer);
  }

  /**
   * The answer as JSON; one that does not parse (schema drift, a proxy's HTML page) is retryable
   * and alerted, never taken as success.
   */
  public static JsonNode json(Answer answer) {
    try {
      return JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body());
    } catch (IOException e) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.UNAVAILABLE,
          answer.status(),
          null,
          "unreadable answer: " + e.getMessage());
    }
  }

  /** Any other 4xx left after an adapter read what it needed from the answer. */
  public static void requireSuccess(Answer answer) {
    if (answer.status() >= 400) {
      throw VendorFailure.permanent(answer.status(), answer.body());
    }
  }

  static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
