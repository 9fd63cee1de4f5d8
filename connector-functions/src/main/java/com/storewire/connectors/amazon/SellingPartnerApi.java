package com.storewire.connectors.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.ConnectorAlertReason;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * SP-API as every Amazon connector calls it: Login with Amazon refresh (tokens live an hour), the
 * access token in {@code x-amz-access-token}, and answers classified by HTTP's rules plus one of
 * Amazon's: a 429 has no Retry-After, so it waits one token of the usage plan the answer reports in
 * {@code x-amzn-RateLimit-Limit} (requests per second).
 */
final class SellingPartnerApi {

  private final String lwaUrl;
  private final String apiUrl;
  private final String clientId;
  private final String clientSecret;
  private final String refreshToken;
  private final String sellerId;
  private final String marketplaceId;
  private final Clock clock;
  private final VendorHttp http =
      new VendorHttp(Duration.ofSeconds(10), SellingPartnerApi::throttled);

  SellingPartnerApi(Map<String, String> env, Clock clock) {
    this.lwaUrl = env.get("AMAZON_LWA_URL");
    this.apiUrl = env.get("AMAZON_SP_API_URL");
    this.clientId = env.get("AMAZON_CLIENT_ID");
    this.clientSecret = env.get("AMAZON_CLIENT_SECRET");
    this.refreshToken = env.get("AMAZON_REFRESH_TOKEN");
    this.sellerId = env.get("AMAZON_SELLER_ID");
    this.marketplaceId = env.getOrDefault("AMAZON_MARKETPLACE_ID", "ATVPDKIKX0DER");
    this.clock = clock;
  }

  String sellerId() {
    return sellerId;
  }

  String marketplaceId() {
    return marketplaceId;
  }

  AccessToken.Issued refresh() {
    String form =
        "grant_type=refresh_token&refresh_token="
            + encode(refreshToken)
            + "&client_id="
            + encode(clientId)
            + "&client_secret="
            + encode(clientSecret);
    JsonNode answer =
        http.sendForJson(
            HttpRequest.newBuilder(URI.create(lwaUrl + "/auth/o2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    return AccessToken.granted(answer, clock, 3600);
  }

  /** A request to an SP-API path (with its query) under the access token. */
  HttpRequest.Builder request(String pathAndQuery, String token) {
    return HttpRequest.newBuilder(URI.create(apiUrl + pathAndQuery))
        .header("x-amz-access-token", token)
        .header("Content-Type", "application/json");
  }

  VendorHttp.Answer send(HttpRequest.Builder request) {
    return http.send(request);
  }

  JsonNode sendForJson(HttpRequest.Builder request) {
    return http.sendForJson(request);
  }

  /** How long one request of the answer's usage plan takes to come back, if the answer says. */
  static Optional<Duration> planInterval(VendorHttp.Answer answer) {
    return answer.header("x-amzn-RateLimit-Limit").flatMap(SellingPartnerApi::interval);
  }

  /** An answer without the field the next step needs is drift, not success. */
  static JsonNode requireField(JsonNode answer, String field) {
    if (!answer.path(field).isValueNode() || answer.path(field).asText().isEmpty()) {
      throw VendorFailure.unexpected(null, "no " + field + " in the answer");
    }
    return answer;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static VendorFailure throttled(HttpResponse<String> response) {
    if (response.statusCode() != 429) {
      return null;
    }
    return VendorFailure.retryable(
        ConnectorAlertReason.RATE_LIMITED,
        429,
        response
            .headers()
            .firstValue("x-amzn-RateLimit-Limit")
            .flatMap(SellingPartnerApi::interval)
            .orElse(null),
        response.body());
  }

  private static Optional<Duration> interval(String requestsPerSecond) {
    try {
      double rate = Double.parseDouble(requestsPerSecond);
      return rate > 0
          ? Optional.of(Duration.ofMillis((long) Math.ceil(1000 / rate)))
          : Optional.empty();
    } catch (NumberFormatException e) {
      // A header we cannot read leaves the pacing to the core's backoff.
      return Optional.empty();
    }
  }
}
