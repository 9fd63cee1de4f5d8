package com.storewire.connectors.shopify;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shopify stock: read the items' current quantities, then one {@code inventorySetQuantities} of up
 * to 250 quantities, each conditional on what was read ({@code changeFromQuantity}, mandatory from
 * 2026-04). A stale item is retried; an item Shopify does not know is refused.
 */
final class ShopifyStockAdapter implements StockAdapter {

  static final String SET =
      "mutation inventorySet($input: InventorySetQuantitiesInput!) @idempotent(key: $key) {"
          + " inventorySetQuantities(input: $input) { userErrors { code field message } } }";
  static final String READ =
      "query inventory($query: String!) { inventoryItems(first: 250, query: $query) { nodes { id sku"
          + " inventoryLevels(first: 1) { nodes { quantities(names: [\"available\"]) { name quantity } } } } } }";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Read-then-set rounds for items a buyer changed in between, before the call is retried. */
  private static final int STALE_ROUNDS = 3;

  private final ShopifyAdmin shopify;

  ShopifyStockAdapter(ShopifyAdmin shopify) {
    this.shopify = shopify;
  }

  /** The "available" quantity at the item's (first) location. */
  private static int available(JsonNode item) {
    Integer available =
        ShopifyAdmin.available(
            item.path("inventoryLevels").path("nodes").path(0).path("quantities"));
    return available == null ? 0 : available;
  }

  @Override
  public SystemId vendor() {
    return SystemId.SHOPIFY;
  }

  @Override
  public String channel() {
    return "shopify";
  }

  @Override
  public String operation() {
    return "inventorySetQuantities";
  }

  @Override
  public int maxBatch() {
    return 250;
  }

  @Override
  public AccessToken.Issued refresh() {
    return shopify.refresh();
  }

  @Override
  public Map<String, VendorFailure> apply(String token, List<StockUpdate> batch) {
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    List<StockUpdate> pending = batch;
    for (int round = 1; round <= STALE_ROUNDS && !pending.isEmpty(); round++) {
      pending = readThenSet(token, pending, round, refused);
    }
    for (StockUpdate stale : pending) {
      refused.put(
          stale.sku(),
          VendorFailure.retryable(
              ConnectorAlertReason.REJECTED,
              200,
              null,
              "changed at Shopify since it was read, " + STALE_ROUNDS + " times in a row"));
    }
    return refused;
  }

  /**
   * Reads the items' quantities, then sets them conditionally on what was read. Returns the items
   * that changed at Shopify in between (a buyer bought one), to be read and set again at once: a
   * flash sale changes quantities faster than a redelivery would catch up with them. Items Shopify
   * refuses for good go to {@code refused}.
   */
  private List<StockUpdate> readThenSet(
      String token, List<StockUpdate> batch, int round, Map<String, VendorFailure> refused) {
    ObjectNode read = JSON.createObjectNode();
    read.put("query", String.join(" OR ", batch.stream().map(u -> "sku:" + u.sku()).toList()));
    Map<String, JsonNode> current = new HashMap<>();
    JsonNode items =
        shopify.graphql(token, READ, read, 1 + batch.size()).path("inventoryItems").path("nodes");
    if (!items.isArray()) {
      throw VendorFailure.unexpected(200, "no inventoryItems.nodes");
    }
    items.forEach(n -> current.put(n.path("sku").asText(), n));

    List<StockUpdate> known = new ArrayList<>();
    for (StockUpdate update : batch) {
      if (current.containsKey(update.sku())) {
        known.add(update);
      } else {
        refused.put(
            update.sku(),
            VendorFailure.permanent(200, "Shopify has no inventory item for SKU " + update.sku()));
      }
    }
    if (known.isEmpty()) {
      return List.of();
    }
    ObjectNode variables = JSON.createObjectNode();
    variables.put("key", known.get(0).eventId() + "+" + known.size() + "#" + round);
    ArrayNode quantities =
        variables
            .putObject("input")
            .put("name", "available")
            .put("reason", "correction")
            .putArray("quantities");
    for (StockUpdate update : known) {
      JsonNode item = current.get(update.sku());
      quantities
          .addObject()
          .put("inventoryItemId", item.path("id").asText())
          .put("locationId", "gid://shopify/Location/1")
          .put("quantity", update.quantity())
          .put("changeFromQuantity", available(item));
    }
    JsonNode errors =
        shopify.graphql(token, SET, variables).path("inventorySetQuantities").path("userErrors");
    if (!errors.isArray()) {
      throw VendorFailure.unexpected(200, "no inventorySetQuantities.userErrors");
    }
    List<StockUpdate> stale = new ArrayList<>();
    for (JsonNode error : errors) {
      StockUpdate update = known.get(error.path("field").path(2).asInt());
      String code = error.path("code").asText();
      if ("CHANGE_FROM_QUANTITY_STALE".equals(code)) {
        stale.add(update);
      } else {
        refused.put(
            update.sku(),
            VendorFailure.permanent(200, code + ": " + error.path("message").asText()));
      }
    }
    return stale;
  }
}
