package com.storewire.connectors.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.StockAdapter;
import com.storewire.connectors.core.StockUpdate;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.events.SystemId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * eBay stock: {@code bulkUpdatePriceQuantity} with up to 25 SKUs, each answered with its own
 * status; a refused item is permanent. Tokens and the classification of eBay's answers are {@link
 * EbaySellApi}'s.
 */
final class EbayStockAdapter implements StockAdapter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EbaySellApi api;

  EbayStockAdapter(EbaySellApi api) {
    this.api = api;
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
    return api.refresh();
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
    JsonNode answer = api.post("/sell/inventory/v1/bulk_update_price_quantity", token, body);
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
}
