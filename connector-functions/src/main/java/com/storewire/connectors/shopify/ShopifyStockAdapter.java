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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shopify stock: read the items' current quantities at Storewire's locations ({@link
 * ShopifyLocations}), then one {@code inventorySetQuantities} of up to 250 quantities, each an
 * (inventory item, location, quantity) conditional on what was read ({@code changeFromQuantity},
 * mandatory from 2026-04). An item with several locations gets a quantity at each in the same call.
 * A stale item is retried; an item or location Shopify does not know is refused.
 */
final class ShopifyStockAdapter implements StockAdapter {

  static final String SET =
      "mutation inventorySet($input: InventorySetQuantitiesInput!) @idempotent(key: $key) {"
          + " inventorySetQuantities(input: $input) { userErrors { code field message } } }";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The most quantities, and inventory items, one call takes (any input array is capped at 250).
   */
  static final int MAX_QUANTITIES = 250;

  /** Read-then-set rounds for items a buyer changed in between, before the call is retried. */
  private static final int STALE_ROUNDS = 3;

  /** One quantity of the mutation: an item's quantity at a location, and whose it is. */
  private record Quantity(
      StockUpdate update, String inventoryItemId, String locationId, int quantity, Integer from) {}

  private final ShopifyAdmin shopify;
  private final ShopifyLocations locations;

  ShopifyStockAdapter(ShopifyAdmin shopify, ShopifyLocations locations) {
    this.shopify = shopify;
    this.locations = locations;
  }

  /**
   * The read of up to 250 items by SKU with each one's level at each location, aliased {@code at0},
   * {@code at1}, … after the locations' order ({@code $location0}, …).
   */
  static String read(int locationCount) {
    StringBuilder variables = new StringBuilder("$query: String!");
    StringBuilder levels = new StringBuilder();
    for (int i = 0; i < locationCount; i++) {
      variables.append(", $location").append(i).append(": ID!");
      levels
          .append(" at")
          .append(i)
          .append(": inventoryLevel(locationId: $location")
          .append(i)
          .append(") { quantities(names: [\"available\"]) { name quantity } }");
    }
    return "query inventory("
        + variables
        + ") { inventoryItems(first: 250, query: $query) { nodes { id sku"
        + levels
        + " } } }";
  }

  /**
   * The points a read of {@code items} items at {@code locations} locations is reserved at before
   * it is sent: the query, and one an item's level at each location; settled with the cost Shopify
   * reports. A full batch ({@link #maxBatch}) stays within 251, the stock function's largest call
   * ({@link com.storewire.connectors.core.VendorLimit#SHOPIFY_ADMIN_GRAPHQL}).
   */
  static int readCost(int items, int locations) {
    return 1 + items * locations;
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

  /** Shopify takes at most 250 quantities a call: an item set at several locations has several. */
  @Override
  public int maxBatch() {
    return MAX_QUANTITIES / locations.perItem();
  }

  @Override
  public AccessToken.Issued refresh() {
    return shopify.refresh();
  }

  @Override
  public Map<String, VendorFailure> apply(String token, List<StockUpdate> batch) {
    List<String> at = locations.ids(token);
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    List<StockUpdate> pending = batch;
    for (int round = 1; round <= STALE_ROUNDS && !pending.isEmpty(); round++) {
      pending = readThenSet(token, at, pending, round, refused);
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
   * Reads the items' quantities at the locations, then sets them conditionally on what was read.
   * Returns the items that changed at Shopify in between (a buyer bought one), to be read and set
   * again at once: a flash sale changes quantities faster than a redelivery would catch up with
   * them. Items Shopify refuses for good go to {@code refused}.
   */
  private List<StockUpdate> readThenSet(
      String token,
      List<String> at,
      List<StockUpdate> batch,
      int round,
      Map<String, VendorFailure> refused) {
    ObjectNode read = JSON.createObjectNode();
    read.put("query", String.join(" OR ", batch.stream().map(u -> "sku:" + u.sku()).toList()));
    for (int i = 0; i < at.size(); i++) {
      read.put("location" + i, at.get(i));
    }
    Map<String, JsonNode> current = new HashMap<>();
    JsonNode items =
        shopify
            .graphql(token, read(at.size()), read, readCost(batch.size(), at.size()))
            .path("inventoryItems")
            .path("nodes");
    if (!items.isArray()) {
      throw VendorFailure.unexpected(200, "no inventoryItems.nodes");
    }
    items.forEach(n -> current.put(n.path("sku").asText(), n));

    List<Quantity> quantities = new ArrayList<>();
    for (StockUpdate update : batch) {
      JsonNode item = current.get(update.sku());
      if (item == null) {
        refused.put(
            update.sku(),
            VendorFailure.permanent(200, "Shopify has no inventory item for SKU " + update.sku()));
        continue;
      }
      List<Integer> placed = ShopifyLocations.place(update.quantity(), at);
      for (int i = 0; i < at.size(); i++) {
        quantities.add(
            new Quantity(
                update,
                item.path("id").asText(),
                at.get(i),
                placed.get(i),
                available(item.path("at" + i))));
      }
    }
    if (quantities.isEmpty()) {
      return List.of();
    }
    ObjectNode variables = JSON.createObjectNode();
    long known = quantities.stream().map(Quantity::update).distinct().count();
    variables.put("key", quantities.get(0).update().eventId() + "+" + known + "#" + round);
    ArrayNode input =
        variables
            .putObject("input")
            .put("name", "available")
            .put("reason", "correction")
            .putArray("quantities");
    for (Quantity quantity : quantities) {
      ObjectNode q =
          input
              .addObject()
              .put("inventoryItemId", quantity.inventoryItemId())
              .put("locationId", quantity.locationId())
              .put("quantity", quantity.quantity());
      // Mandatory from 2026-04; null (an item not stocked there) skips the check, and Shopify
      // answers ITEM_NOT_STOCKED_AT_LOCATION.
      if (quantity.from() == null) {
        q.putNull("changeFromQuantity");
      } else {
        q.put("changeFromQuantity", quantity.from());
      }
    }
    JsonNode errors =
        shopify.graphql(token, SET, variables).path("inventorySetQuantities").path("userErrors");
    if (!errors.isArray()) {
      throw VendorFailure.unexpected(200, "no inventorySetQuantities.userErrors");
    }
    Set<StockUpdate> stale = new LinkedHashSet<>();
    for (JsonNode error : errors) {
      int index = error.path("field").path(2).asInt(-1);
      if (index < 0 || index >= quantities.size()) {
        throw VendorFailure.unexpected(200, "a userError for no quantity: " + error);
      }
      Quantity quantity = quantities.get(index);
      String code = error.path("code").asText();
      if ("CHANGE_FROM_QUANTITY_STALE".equals(code)) {
        stale.add(quantity.update());
      } else {
        refused.putIfAbsent(
            quantity.update().sku(),
            VendorFailure.permanent(
                200,
                code + " at " + quantity.locationId() + ": " + error.path("message").asText()));
      }
    }
    stale.removeIf(update -> refused.containsKey(update.sku()));
    return List.copyOf(stale);
  }

  /** The "available" quantity of a level as read, or null where the item is not stocked. */
  private static Integer available(JsonNode level) {
    if (level.isMissingNode() || level.isNull()) {
      return null;
    }
    Integer available = ShopifyAdmin.available(level.path("quantities"));
    if (available == null) {
      throw VendorFailure.unexpected(200, "an inventory level without an available quantity");
    }
    return available;
  }
}
