package com.storewire.connectors.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.StockAdapter;
import com.storewire.connectors.core.StockUpdate;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.SystemId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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

  private final String baseUrl;
  private final String basicCredentials;
  private final String refreshToken;
  private final Clock clock;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

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
    return AccessToken.granted(answer, clock, 7200);
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
    if (answer.path("responses").size() != batch.size()) {
      throw VendorFailure.unexpected(200, "responses for " + batch.size() + " SKUs expected");
    }
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

  /** eBay answers some auth failures with 400 and an error id (1002: missing token). */
  private JsonNode send(HttpRequest.Builder request) {
    VendorHttp.Answer answer = http.send(request);
    JsonNode json = VendorHttp.json(answer);
    int errorId = json.path("errors").path(0).path("errorId").asInt();
    if (errorId == 1001 || errorId == 1002) {
      throw VendorFailure.auth(answer.status(), answer.body());
    }
    VendorHttp.requireSuccess(answer);
    return json;
  }
}
