package com.storewire.connectors.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.StockAdapter;
import com.storewire.connectors.core.StockUpdate;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.SystemId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * eBay stock: {@code bulkUpdatePriceQuantity} with up to 25 SKUs, each answered with its own
 * status; OAuth user tokens refreshed with the client's Basic credentials. 401 (errorId 1001) and
 * 400 errorId 1002 are auth; 429 and 5xx are retryable; a refused item is permanent.
 */
final class EbayStockAdapter implements StockAdapter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final String baseUrl;
  private final String basicCredentials;
  private final String refreshToken;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  EbayStockAdapter(
      String baseUrl, String clientId, String clientSecret, String refreshToken, Clock clock) {
    this.baseUrl = baseUrl;
    this.basicCredentials =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    this.refreshToken = refreshToken;
    this.clock = clock;
  }

  @Override
  public SystemId vendor() {
    return SystemId.EBAY;
  }

  @Override
  public String channel() {
    return "ebay";
  }

  @Override
  public String operation() {
    return "bulkUpdatePriceQuantity";
  }

  @Override
  public int maxBatch() {
    return 25;
  }

  @Override
  public AccessToken.Issued refresh() {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
    JsonNode answer =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/identity/v1/oauth2/token"))
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (!answer.hasNonNull("access_token")) {
      throw VendorFailure.auth(400, "refresh token refused: " + answer);
    }
    return new AccessToken.Issued(
        answer.get("access_token").asText(),
        Instant.now(clock).plusSeconds(answer.path("expires_in").asLong(7200)));
  }

  @Override
  public Map<String, VendorFailure> apply(String token, List<StockUpdate> batch) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode requests = body.putArray("requests");
    batch.forEach(
        u ->
            requests
                .addObject()
                .put("sku", u.sku())
                .putObject("shipToLocationAvailability")
                .put("quantity", u.quantity()));
    JsonNode answer =
        send(
            HttpRequest.newBuilder(
                    URI.create(baseUrl + "/sell/inventory/v1/bulk_update_price_quantity"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    for (JsonNode response : answer.path("responses")) {
      if (response.path("statusCode").asInt() != 200) {
        refused.put(
            response.path("sku").asText(),
            VendorFailure.permanent(
                response.path("statusCode").asInt(),
                response.path("errors").path(0).path("message").asText("refused")));
      }
    }
    return refused;
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response =
          http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.TIMEOUT,
          null,
          null,
          "no answer within " + CALL_TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.UNAVAILABLE, null, null, "connection failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VendorFailure.retryable(ConnectorAlertReason.UNAVAILABLE, null, null, "interrupted");
    }
    int status = response.statusCode();
    JsonNode json;
    try {
      json = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    } catch (IOException e) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.UNAVAILABLE, status, null, "unreadable answer: " + e.getMessage());
    }
    int errorId = json.path("errors").path(0).path("errorId").asInt();
    if (status == 401 || errorId == 1001 || errorId == 1002) {
      throw VendorFailure.auth(status, response.body());
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
              .orElse(null);
      throw VendorFailure.retryable(
          status == 429 ? ConnectorAlertReason.RATE_LIMITED : ConnectorAlertReason.UNAVAILABLE,
          status,
          retryAfter,
          response.body());
    }
    if (status >= 400) {
      throw VendorFailure.permanent(status, response.body());
    }
    return json;
  }
}
