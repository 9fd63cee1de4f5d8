package com.storewire.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.ConnectorAlertReason;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * Shopify's Admin API as the stock connector needs it: expiring offline tokens with a rotating
 * refresh token, the GraphQL endpoint, and Shopify's answers classified — 401 is auth, THROTTLED
 * (with HTTP 200) waits what its bucket says, 429 and 5xx wait Retry-After, other errors are
 * permanent.
 */
final class ShopifyAdmin {

  static final String API_VERSION = "2026-04";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String clientId;
  private final String clientSecret;
  private final Pacer pacer;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));
  private final Clock clock;
  private String refreshToken;

  ShopifyAdmin(
      String baseUrl,
      String clientId,
      String clientSecret,
      String refreshToken,
      Pacer pacer,
      Clock clock) {
    this.baseUrl = baseUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshToken = refreshToken;
    this.pacer = pacer;
    this.clock = clock;
  }

  /** Exchanges the refresh token; Shopify replaces it with every use, so the new one is kept. */
  synchronized AccessToken.Issued refresh() {
    ObjectNode body =
        JSON.createObjectNode()
            .put("client_id", clientId)
            .put("client_secret", clientSecret)
            .put("grant_type", "refresh_token")
            .put("refresh_token", refreshToken);
    JsonNode answer = send("/admin/oauth/access_token", null, body);
    AccessToken.Issued issued = AccessToken.granted(answer, clock, 3600);
    refreshToken = answer.path("refresh_token").asText(refreshToken);
    return issued;
  }

  /** Runs a GraphQL operation; the answer's {@code data}, or a classified failure. */
  JsonNode graphql(String token, String query, JsonNode variables) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("variables", variables);
    JsonNode answer = send("/admin/api/" + API_VERSION + "/graphql.json", token, body);
    JsonNode errors = answer.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      if ("THROTTLED".equals(errors.path(0).path("extensions").path("code").asText())) {
        throw VendorFailure.retryable(
            ConnectorAlertReason.RATE_LIMITED, 200, bucketWait(answer), "THROTTLED");
      }
      throw VendorFailure.permanent(200, errors.path(0).path("message").asText(errors.toString()));
    }
    return answer.path("data");
  }

  /** Shopify reports its bucket in every answer: wait until the next call's cost has restored. */
  private Duration bucketWait(JsonNode answer) {
    JsonNode cost = answer.path("extensions").path("cost");
    double restore = cost.path("throttleStatus").path("restoreRate").asDouble(50);
    double missing =
        cost.path("requestedQueryCost").asDouble(10)
            - cost.path("throttleStatus").path("currentlyAvailable").asDouble(0);
    Duration wait = Duration.ofMillis((long) Math.ceil(Math.max(missing, 1) / restore * 1000));
    pacer.pauseFor(wait);
    return wait;
  }

  private JsonNode send(String path, String token, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      request.header("X-Shopify-Access-Token", token);
    }
    return http.sendForJson(request);
  }
}
