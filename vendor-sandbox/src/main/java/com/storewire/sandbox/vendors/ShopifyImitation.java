package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.RateLimit;
import com.storewire.sandbox.core.Reply;
import com.storewire.sandbox.core.SellingImitation;
import com.storewire.sandbox.core.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify Admin GraphQL as far as Storewire uses it (shopify.dev, sources in VENDORS.md): {@code
 * POST /admin/api/{version}/graphql.json} with {@code X-Shopify-Access-Token}; {@code
 * inventorySetQuantities} with compare-and-swap ({@code changeFromQuantity}, mandatory from
 * 2026-04, CHANGE_FROM_QUANTITY_STALE on mismatch) and at most 250 quantities; inventory reads;
 * calculated query cost (mutation 10, query 1 + items) against a leaky bucket of 2000 points
 * restoring 100/s (Standard plan), reported in {@code extensions.cost}; THROTTLED errors with HTTP
 * 200; expiring offline tokens (1 h) with rotating refresh tokens; and orders/create webhooks
 * signed with X-Shopify-Hmac-Sha256 and carrying X-Shopify-Webhook-Id.
 */
public final class ShopifyImitation extends SellingImitation {

  public static final String CLIENT_ID = "shopify-client";
  static final int BUCKET = 2000;
  static final int RESTORE_PER_SECOND = 100;
  static final int MUTATION_COST = 10;
  static final int MAX_INPUT = 250;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SKU_TERM = Pattern.compile("sku:([^\\s()]+)");
  private static final Pattern OPERATION =
      Pattern.compile("\\b(inventorySetQuantities|inventoryAdjustQuantities|inventoryItems)\\b");

  private final Tokens tokens;
  private final RateLimit bucket = RateLimit.tokenBucket(RESTORE_PER_SECOND, BUCKET);
  private final String clientSecret;
  private final AtomicLong orderIds = new AtomicLong(5_550_000);

  public ShopifyImitation(long seed, Clock clock, String clientSecret, String refreshToken) {
    super("shopify", seed, clock);
    this.clientSecret = clientSecret;
    this.tokens = new Tokens(clock, Duration.ofHours(1), "shpat_");
    tokens.allowRefreshToken(refreshToken);
    route("POST", "/admin/oauth/access_token", this::accessToken);
    route("POST", "/admin/api/{version}/graphql.json", this::graphql);
  }

  @Override
  public void revokeTokens() {
    tokens.revokeAll();
  }

  private Reply accessToken(Call call) throws java.io.IOException {
    JsonNode body = call.json();
    String[] issued =
        CLIENT_ID.equals(body.path("client_id").asText())
                && clientSecret.equals(body.path("client_secret").asText())
            ? tokens.exchangeRotating(body.path("refresh_token").asText(null))
            : null;
    if (issued == null) {
      return Reply.json(
          400,
          Map.of(
              "error",
              "invalid_grant",
              "error_description",
              "refresh token is invalid or was already used"));
    }
    return Reply.json(
        200,
        Map.of(
            "access_token",
            issued[0],
            "expires_in",
            tokens.lifetime().toSeconds(),
            "refresh_token",
            issued[1],
            "scope",
            "read_inventory,write_inventory"));
  }

  private Reply graphql(Call call) throws java.io.IOException {
    if (!tokens.valid(call.header("X-Shopify-Access-Token").orElse(null))) {
      return Reply.json(
          401,
          Map.of(
              "errors",
              "[API] Invalid API key or access token (unrecognized login or wrong password)"));
    }
    JsonNode request = call.json();
    String query = request.path("query").asText("");
    Matcher operation = OPERATION.matcher(query);
    if (!operation.find()) {
      return graphqlError(
          "Field is not supported by this sandbox: only inventory operations are", "UNSUPPORTED");
    }
    JsonNode variables = request.path("variables");
    boolean mutation = query.trim().startsWith("mutation");
    JsonNode items =
        mutation
            ? variables
                .path("input")
                .path(
                    operation.group(1).equals("inventorySetQuantities") ? "quantities" : "changes")
            : skusOf(variables.path("query").asText(""));
    if (items.size() > MAX_INPUT) {
      return graphqlError(
          "The input array size of "
              + items.size()
              + " is greater than the maximum allowed of "
              + MAX_INPUT
              + ".",
          "MAX_INPUT_SIZE_EXCEEDED");
    }
    int cost = mutation ? MUTATION_COST : 1 + items.size();
    RateLimit.Outcome taken = bucket.take(cost);
    if (!taken.allowed()) {
      ObjectNode throttled = JSON.createObjectNode();
      throttled
          .putArray("errors")
          .addObject()
          .put("message", "Throttled")
          .putObject("extensions")
          .put("code", "THROTTLED");
      throttled.set("extensions", cost(cost, null, taken.remaining()));
      return Reply.json(200, throttled);
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode data = answer.putObject("data");
    String version = call.pathParam("version");
    switch (operation.group(1)) {
      case "inventorySetQuantities" -> data.set("inventorySetQuantities", set(items, version));
      case "inventoryAdjustQuantities" -> data.set("inventoryAdjustQuantities", adjust(items));
      default -> data.set("inventoryItems", read(items));
    }
    answer.set("extensions", cost(cost, cost, taken.remaining()));
    return Reply.json(200, answer);
  }

  private ObjectNode set(JsonNode quantities, String version) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode userErrors = result.putArray("userErrors");
    boolean casMandatory = version.compareTo("2026-04") >= 0;
    for (int i = 0; i < quantities.size(); i++) {
      JsonNode q = quantities.get(i);
      String sku = skuOf(q.path("inventoryItemId").asText());
      JsonNode expected = q.get("changeFromQuantity");
      if (sku == null || !inventory.has(sku)) {
        userError(
            userErrors,
            i,
            "inventoryItemId",
            "INVALID_INVENTORY_ITEM",
            "The specified inventory item could not be found.");
      } else if (casMandatory && expected == null) {
        userError(
            userErrors,
            i,
            "changeFromQuantity",
            "CHANGE_FROM_QUANTITY_REQUIRED",
            "changeFromQuantity is required.");
      } else if (expected != null && !expected.isNull() && expected.asInt() != inventory.get(sku)) {
        userError(
            userErrors,
            i,
            "changeFromQuantity",
            "CHANGE_FROM_QUANTITY_STALE",
            "The quantity couldn't be updated because the changeFromQuantity is stale.");
      } else if (faults.draw(Faults.Kind.PARTIAL_BULK).isPresent()) {
        userError(
            userErrors,
            i,
            "quantity",
            "INVALID_QUANTITY",
            "The quantity couldn't be set for this item.");
      } else {
        inventory.write(sku, q.path("quantity").asInt());
        inventory.record("inventorySetQuantities", q);
      }
    }
    result
        .putObject("inventoryAdjustmentGroup")
        .put("id", "gid://shopify/InventoryAdjustmentGroup/" + UUID.randomUUID());
    return result;
  }

  private ObjectNode adjust(JsonNode changes) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode userErrors = result.putArray("userErrors");
    for (int i = 0; i < changes.size(); i++) {
      String sku = skuOf(changes.get(i).path("inventoryItemId").asText());
      if (sku == null || !inventory.has(sku)) {
        userError(
            userErrors,
            i,
            "inventoryItemId",
            "INVALID_INVENTORY_ITEM",
            "The specified inventory item could not be found.");
      } else {
        inventory.write(sku, inventory.get(sku) + changes.get(i).path("delta").asInt());
        inventory.record("inventoryAdjustQuantities", changes.get(i));
      }
    }
    return result;
  }

  /**
   * Inventory items as the Admin GraphQL API returns them: {@code inventoryItems(first, query:
   * "sku:A OR sku:B")} with each item's level at the location and its "available" quantity.
   */
  private ObjectNode read(JsonNode skus) {
    ObjectNode connection = JSON.createObjectNode();
    ArrayNode nodes = connection.putArray("nodes");
    for (JsonNode sku : skus) {
      if (inventory.has(sku.asText())) {
        ObjectNode node = nodes.addObject();
        node.put("id", inventoryItemId(sku.asText()));
        node.put("sku", sku.asText());
        ObjectNode level = node.putObject("inventoryLevels").putArray("nodes").addObject();
        level.putObject("location").put("id", "gid://shopify/Location/1");
        level
            .putArray("quantities")
            .addObject()
            .put("name", "available")
            .put("quantity", inventory.get(sku.asText()));
      }
    }
    return connection;
  }

  /** The SKUs of a search query such as {@code sku:TEE-1 OR sku:MUG-2}. */
  private static ArrayNode skusOf(String searchQuery) {
    ArrayNode skus = JSON.createArrayNode();
    Matcher term = SKU_TERM.matcher(searchQuery);
    while (term.find()) {
      skus.add(term.group(1));
    }
    return skus;
  }

  private static void userError(
      ArrayNode errors, int index, String field, String code, String message) {
    ObjectNode error = errors.addObject();
    error.putArray("field").add("input").add("quantities").add(Integer.toString(index)).add(field);
    error.put("code", code);
    error.put("message", message);
  }

  private static Reply graphqlError(String message, String code) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors")
        .addObject()
        .put("message", message)
        .putObject("extensions")
        .put("code", code);
    return Reply.json(200, body);
  }

  private ObjectNode cost(int requested, Integer actual, long available) {
    ObjectNode extensions = JSON.createObjectNode();
    ObjectNode cost = extensions.putObject("cost");
    cost.put("requestedQueryCost", requested);
    if (actual == null) {
      cost.putNull("actualQueryCost");
    } else {
      cost.put("actualQueryCost", actual);
    }
    ObjectNode status = cost.putObject("throttleStatus");
    status.put("maximumAvailable", (double) BUCKET);
    status.put("currentlyAvailable", available);
    status.put("restoreRate", (double) RESTORE_PER_SECOND);
    return extensions;
  }

  /** Inventory items are addressed by global id; the sandbox derives it from the SKU. */
  public static String inventoryItemId(String sku) {
    return "gid://shopify/InventoryItem/" + sku;
  }

  private static String skuOf(String inventoryItemId) {
    String prefix = "gid://shopify/InventoryItem/";
    return inventoryItemId.startsWith(prefix) ? inventoryItemId.substring(prefix.length()) : null;
  }

  @Override
  protected Reply error(int status, String code, String message) {
    return Reply.json(status, Map.of("errors", message));
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return Reply.json(
            429,
            Map.of(
                "errors",
                "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."))
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  @Override
  protected String placeOrder(String sku, int quantity) {
    long id = orderIds.incrementAndGet();
    ObjectNode order = JSON.createObjectNode();
    order.put("id", id);
    order.put("name", "#" + id);
    order.put("currency", "USD");
    order.put("total_price", String.format("%d.00", 20 * quantity));
    order.put("email", "buyer" + id + "@example.com");
    order.put("created_at", Instant.now(clock).toString());
    ObjectNode line = order.putArray("line_items").addObject();
    line.put("sku", sku);
    line.put("quantity", quantity);
    line.put("price", "20.00");
    maybeDrift(order, "email");
    byte[] body = order.toString().getBytes(StandardCharsets.UTF_8);
    inventory.record("orders/create", order);
    webhooks.deliver(
        body,
        Map.of(
            "Content-Type", "application/json",
            "X-Shopify-Topic", "orders/create",
            "X-Shopify-Hmac-Sha256", Signatures.hmacSha256Base64(clientSecret, body),
            "X-Shopify-Webhook-Id", UUID.randomUUID().toString(),
            "X-Shopify-Triggered-At", Instant.now(clock).toString()));
    return Long.toString(id);
  }
}
