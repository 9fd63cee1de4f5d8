package com.storewire.connectors.woocommerce;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * WooCommerce stock: products are addressed by id, so each SKU's id is looked up once ({@code
 * products?sku=}) and kept; then one {@code products/batch} of up to 100 updates, each answered
 * with the product or its own error.
 */
final class WooCommerceStockAdapter implements StockAdapter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WooCommerceApi api;
  private final Map<String, Long> productIds = new ConcurrentHashMap<>();

  WooCommerceStockAdapter(WooCommerceApi api) {
    this.api = api;
  }

  @Override
  public SystemId vendor() {
    return SystemId.WOOCOMMERCE;
  }

  @Override
  public String channel() {
    return "woocommerce";
  }

  @Override
  public String operation() {
    return "products/batch";
  }

  @Override
  public int maxBatch() {
    return 100;
  }

  @Override
  public AccessToken.Issued refresh() {
    return WooCommerceApi.CONSUMER_KEY;
  }

  @Override
  public Map<String, VendorFailure> apply(String token, List<StockUpdate> batch) {
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode updates = body.putArray("update");
    Map<Long, String> skuById = new LinkedHashMap<>();
    for (StockUpdate update : batch) {
      Long id = productId(update.sku());
      if (id == null) {
        refused.put(
            update.sku(),
            VendorFailure.permanent(404, "WooCommerce has no product with SKU " + update.sku()));
      } else {
        skuById.put(id, update.sku());
        updates.addObject().put("id", id).put("stock_quantity", update.quantity());
      }
    }
    if (updates.isEmpty()) {
      return refused;
    }
    JsonNode results = api.json("POST", "/products/batch", Map.of(), body).path("update");
    if (results.size() != updates.size()) {
      throw VendorFailure.unexpected(200, "an update result for each of " + updates.size());
    }
    for (JsonNode item : results) {
      if (item.has("error")) {
        refused.put(
            skuById.get(item.path("id").asLong()),
            VendorFailure.permanent(
                item.path("error").path("data").path("status").asInt(400),
                item.path("error").path("message").asText()));
      }
    }
    return refused;
  }

  private Long productId(String sku) {
    Long known = productIds.get(sku);
    if (known != null) {
      return known;
    }
    JsonNode found = api.json("GET", "/products", Map.of("sku", sku), null);
    if (found.isEmpty()) {
      return null;
    }
    long id = found.get(0).path("id").asLong();
    productIds.put(sku, id);
    return id;
  }
}
