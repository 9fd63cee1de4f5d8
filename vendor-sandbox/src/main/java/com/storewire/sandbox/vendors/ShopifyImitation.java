package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.PlacedOrders;
import com.storewire.sandbox.core.RateLimit;
import com.storewire.sandbox.core.Reply;
import com.storewire.sandbox.core.SellingImitation;
import com.storewire.sandbox.core.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify Admin GraphQL as far as Storewire uses it (shopify.dev, sources in VENDORS.md): {@code
 * POST /admin/api/{version}/graphql.json} with {@code X-Shopify-Access-Token}; {@code
 * inventorySetQuantities} with compare-and-swap ({@code changeFromQuantity}, mandatory from
 * 2026-04, CHANGE_FROM_QUANTITY_STALE on mismatch) and at most 250 quantities; inventory reads;
 * calculated query cost (mutation 10, query 1 + items) against a leaky bucket of 2000 points
 * restoring 100/s (Standard plan), reported in {@code extensions.cost}; THROTTLED errors with HTTP
 * 200; expiring offline tokens (1 h) with rotating refresh tokens, one per installed app; and
 * orders/create webhooks signed with X-Shopify-Hmac-Sha256 and carrying X-Shopify-Webhook-Id.
 *
 * <p>For reads too big for a query: bulk operations ({@code bulkOperationRunQuery}, one at a time
 * per shop, polled with {@code currentBulkOperation} until COMPLETED, the JSONL result downloaded
 * from a pre-signed URL without the access token). And the REST orders list ({@code orders.json},
 * at most 250 a page, cursor pages in the {@code Link} header, REST's own leaky bucket of 40
 * requests restoring 2 per second, 429 with Retry-After past it), which lists every order placed,
 * its webhook delivered or not.
 */
public final class ShopifyImitation extends SellingImitation {

  public static final String CLIENT_ID = "shopify-client";
  static final int BUCKET = 2000;
  static final int RESTORE_PER_SECOND = 100;
  static final int MUTATION_COST = 10;
  static final int MAX_INPUT = 250;
  static final int POLL_COST = 1;

  /** Polls of a bulk operation that still find it RUNNING; the next one finds it COMPLETED. */
  static final int BULK_RUNNING_POLLS = 1;

  static final int REST_BUCKET = 40;
  static final int REST_RESTORE_PER_SECOND = 2;
  static final int REST_DEFAULT_LIMIT = 50;
  static final int REST_MAX_LIMIT = 250;
  private static final String CALL_LIMIT = "X-Shopify-Shop-Api-Call-Limit";

  /** With {@code page_info}, Shopify takes no other parameter but these. */
  private static final Set<String> CURSOR_PARAMETERS = Set.of("page_info", "limit", "fields");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SKU_TERM = Pattern.compile("sku:([^\\s()]+)");
  private static final Pattern OPERATION =
      Pattern.compile(
          "\\b(bulkOperationRunQuery|currentBulkOperation|inventorySetQuantities"
              + "|inventoryAdjustQuantities|inventoryItems)\\b");

  /** The query argument: a variable, a block string or a string literal. */
  private static final Pattern BULK_QUERY_ARGUMENT =
      Pattern.compile(
          "bulkOperationRunQuery\\s*\\(\\s*query\\s*:\\s*"
              + "(?:\\$(\\w+)|\"\"\"(.*?)\"\"\"|(\"(?:[^\"\\\\]|\\\\.)*\"))",
          Pattern.DOTALL);

  /** The shop's bulk query: Shopify runs one at a time per app and shop. */
  private static final class BulkOperation {
    final String id;
    String status = "CREATED";
    int polls;
    long objectCount;
    long rootObjectCount;
    String file;
    byte[] output;

    BulkOperation(String id) {
      this.id = id;
    }
  }

  private final Tokens tokens;
  private final RateLimit bucket = RateLimit.tokenBucket(RESTORE_PER_SECOND, BUCKET);
  private final RateLimit restBucket = RateLimit.tokenBucket(REST_RESTORE_PER_SECOND, REST_BUCKET);
  private final String clientSecret;
  private final AtomicLong orderIds = new AtomicLong(5_550_000);
  private final AtomicLong bulkIds = new AtomicLong();
  private BulkOperation bulk;

  /**
   * @param refreshTokens one per app installed on the shop (the stock connector's, the
   *     reconciliation job's): each rotates on use, so two processes must not share one
   */
  public ShopifyImitation(long seed, Clock clock, String clientSecret, String... refreshTokens) {
    super("shopify", seed, clock);
    this.clientSecret = clientSecret;
    this.tokens = new Tokens(clock, Duration.ofHours(1), "shpat_");
    for (String refreshToken : refreshTokens) {
      tokens.allowRefreshToken(refreshToken);
    }
    route("POST", "/admin/oauth/access_token", this::accessToken);
    route("POST", "/admin/api/{version}/graphql.json", this::graphql);
    route("GET", "/admin/api/{version}/orders.json", this::orders);
    // Shopify hands out the bulk result on its cloud storage; the URL is signed, not the request.
    route("GET", "/bulk-operation-outputs/{file}", this::bulkOutput);
  }

  @Override
  public void revokeTokens() {
    tokens.revokeAll();
  }

  private Reply accessToken(Call call) throws IOException {
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

  private boolean authorized(Call call) {
    return tokens.valid(call.header("X-Shopify-Access-Token").orElse(null));
  }

  private static Reply invalidToken() {
    return Reply.json(
        401,
        Map.of(
            "errors",
            "[API] Invalid API key or access token (unrecognized login or wrong password)"));
  }

  /** Where this shop answers, as the client addressed it: the base of URLs Shopify hands out. */
  private String origin(Call call) {
    return "http://" + call.header("Host").orElse("") + "/" + name();
  }

  private Reply graphql(Call call) throws IOException {
    if (!authorized(call)) {
      return invalidToken();
    }
    JsonNode request = call.json();
    String query = request.path("query").asText("");
    Matcher operation = OPERATION.matcher(query);
    if (!operation.find()) {
      return graphqlError(
          "Field is not supported by this sandbox: only inventory and bulk operations are",
          "UNSUPPORTED");
    }
    JsonNode variables = request.path("variables");
    return switch (operation.group(1)) {
      case "bulkOperationRunQuery" -> {
        String bulkQuery = bulkQuery(query, variables);
        if (bulkQuery == null) {
          yield graphqlError(
              "Field 'bulkOperationRunQuery' is missing required arguments: query",
              "missingRequiredArguments");
        }
        yield charged(MUTATION_COST, data -> data.set("bulkOperationRunQuery", runBulk(bulkQuery)));
      }
      case "currentBulkOperation" ->
          charged(POLL_COST, data -> data.set("currentBulkOperation", pollBulk(origin(call))));
      default -> inventory(operation.group(1), query, variables, call.pathParam("version"));
    };
  }

  private Reply inventory(String operation, String query, JsonNode variables, String version) {
    boolean mutation = query.trim().startsWith("mutation");
    JsonNode items =
        mutation
            ? variables
                .path("input")
                .path(operation.equals("inventorySetQuantities") ? "quantities" : "changes")
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
    return charged(
        mutation ? MUTATION_COST : 1 + items.size(),
        data -> {
          switch (operation) {
            case "inventorySetQuantities" ->
                data.set("inventorySetQuantities", set(items, version));
            case "inventoryAdjustQuantities" ->
                data.set("inventoryAdjustQuantities", adjust(items));
            default -> data.set("inventoryItems", read(items));
          }
        });
  }

  /**
   * Takes an operation's cost from the leaky bucket: THROTTLED with HTTP 200 when it is short, else
   * the operation's data and the cost report.
   */
  private Reply charged(int cost, Consumer<ObjectNode> operation) {
    RateLimit.Outcome taken = bucket.take(cost);
    if (!taken.allowed()) {
      countThrottle();
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
    operation.accept(answer.putObject("data"));
    answer.set("extensions", cost(cost, cost, taken.remaining()));
    return Reply.json(200, answer);
  }

  /** The bulk query document, from the mutation's argument or the variable it names. */
  private static String bulkQuery(String mutation, JsonNode variables) throws IOException {
    Matcher argument = BULK_QUERY_ARGUMENT.matcher(mutation);
    if (!argument.find()) {
      return null;
    }
    if (argument.group(1) != null) {
      return variables.path(argument.group(1)).asText(null);
    }
    return argument.group(2) != null
        ? argument.group(2)
        : JSON.readValue(argument.group(3), String.class);
  }

  /**
   * Starts the shop's bulk query, or refuses with a user error while another runs (Shopify's
   * OPERATION_IN_PROGRESS) or for a query this sandbox cannot run (it reads inventory items only).
   */
  private synchronized ObjectNode runBulk(String bulkQuery) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode userErrors = result.putArray("userErrors");
    if (bulk != null && !"COMPLETED".equals(bulk.status)) {
      result.putNull("bulkOperation");
      userErrors
          .addObject()
          .put("code", "OPERATION_IN_PROGRESS")
          .put(
              "message",
              "A bulk query operation for this app and shop is already in progress: "
                  + bulk.id
                  + ".")
          .putNull("field");
    } else if (!bulkQuery.contains("inventoryItems")) {
      result.putNull("bulkOperation");
      ObjectNode error = userErrors.addObject().put("code", "INVALID");
      error.put("message", "Bulk queries in this sandbox read inventoryItems only.");
      error.putArray("field").add("query");
    } else {
      bulk = new BulkOperation("gid://shopify/BulkOperation/" + bulkIds.incrementAndGet());
      result.putObject("bulkOperation").put("id", bulk.id).put("status", bulk.status);
    }
    return result;
  }

  /**
   * The shop's latest bulk query as {@code currentBulkOperation} shows it. Each poll moves it on:
   * RUNNING for {@link #BULK_RUNNING_POLLS} polls, then COMPLETED with the stock as it is then.
   * Counts are UnsignedInt64, which GraphQL sends as strings; with no objects there is no URL.
   */
  private synchronized JsonNode pollBulk(String origin) {
    if (bulk == null) {
      return NullNode.getInstance();
    }
    if (!"COMPLETED".equals(bulk.status)) {
      if (bulk.polls++ < BULK_RUNNING_POLLS) {
        bulk.status = "RUNNING";
      } else {
        complete(bulk);
      }
    }
    ObjectNode operation =
        JSON.createObjectNode()
            .put("id", bulk.id)
            .put("status", bulk.status)
            .put("objectCount", Long.toString(bulk.objectCount))
            .put("rootObjectCount", Long.toString(bulk.rootObjectCount))
            .putNull("errorCode");
    if (bulk.output == null || bulk.objectCount == 0) {
      operation.putNull("url");
    } else {
      operation.put("url", origin + "/bulk-operation-outputs/" + bulk.file);
    }
    return operation;
  }

  /**
   * The JSONL Shopify writes for an inventory items query: each item on its line, then its level at
   * the location with a {@code __parentId} pointing back to the item.
   */
  private void complete(BulkOperation operation) {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    inventory
        .snapshot()
        .forEach(
            (sku, quantity) -> {
              String item = inventoryItemId(sku);
              ObjectNode level =
                  JSON.createObjectNode()
                      .put("id", "gid://shopify/InventoryLevel/1?inventory_item_id=" + sku);
              level
                  .putArray("quantities")
                  .addObject()
                  .put("name", "available")
                  .put("quantity", quantity);
              level.put("__parentId", item);
              String both =
                  JSON.createObjectNode().put("id", item).put("sku", sku) + "\n" + level + "\n";
              lines.writeBytes(both.getBytes(StandardCharsets.UTF_8));
              operation.rootObjectCount++;
              operation.objectCount += 2;
            });
    operation.status = "COMPLETED";
    operation.file = "bulk-" + UUID.randomUUID() + ".jsonl";
    operation.output = lines.toByteArray();
  }

  /**
   * A bulk result by its pre-signed URL: no access token, the unguessable name is the signature.
   * Only the latest operation's result is kept; any other name is the storage's own 404.
   */
  private synchronized Reply bulkOutput(Call call) {
    if (bulk == null || bulk.output == null || !call.pathParam("file").equals(bulk.file)) {
      return Reply.text(
          404,
          "application/xml",
          "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
              + "<Message>The specified key does not exist.</Message></Error>");
    }
    return new Reply(
        200, new LinkedHashMap<>(Map.of("Content-Type", "application/jsonl")), bulk.output);
  }

  /**
   * REST {@code orders.json}: orders created at or after {@code created_at_min}, oldest first, at
   * most {@code limit} (≤ 250) a page, the next page as a {@code page_info} cursor in the {@code
   * Link} header. Each order is the orders/create webhook body. REST's leaky bucket is charged one
   * per request and reported in X-Shopify-Shop-Api-Call-Limit.
   */
  private Reply orders(Call call) {
    if (!authorized(call)) {
      return invalidToken();
    }
    RateLimit.Outcome taken = restBucket.take(1);
    String callLimit = (REST_BUCKET - taken.remaining()) + "/" + REST_BUCKET;
    if (!taken.allowed()) {
      return throttled(taken.retryAfterSeconds()).withHeader(CALL_LIMIT, callLimit);
    }
    return ordersPage(call).withHeader(CALL_LIMIT, callLimit);
  }

  private Reply ordersPage(Call call) {
    int limit = Integer.parseInt(call.param("limit").orElse(Integer.toString(REST_DEFAULT_LIMIT)));
    if (limit < 1 || limit > REST_MAX_LIMIT) {
      return invalidParameter("limit", "must be between 1 and " + REST_MAX_LIMIT);
    }
    String createdAtMin;
    long afterId;
    if (call.param("page_info").isPresent()) {
      if (!CURSOR_PARAMETERS.containsAll(call.query().keySet())) {
        return invalidParameter(
            "page_info", "cannot be combined with parameters other than limit and fields");
      }
      String[] cursor =
          new String(
                  Base64.getUrlDecoder().decode(call.param("page_info").get()),
                  StandardCharsets.UTF_8)
              .split("\\|", -1);
      if (cursor.length != 2) {
        return invalidParameter("page_info", "Invalid value.");
      }
      createdAtMin = cursor[0];
      afterId = Long.parseLong(cursor[1]);
    } else {
      String status = call.param("status").orElse("open");
      if (!Set.of("open", "closed", "cancelled", "any").contains(status)) {
        return invalidParameter("status", "is not one of open, closed, cancelled, any");
      }
      if (!Set.of("open", "any").contains(status)) {
        // The sandbox's orders stay open: none is closed or cancelled.
        return Reply.json(200, Map.of("orders", List.of()));
      }
      createdAtMin = call.param("created_at_min").orElse("");
      afterId = -1;
    }
    Instant from;
    try {
      from = createdAtMin.isEmpty() ? Instant.MIN : OffsetDateTime.parse(createdAtMin).toInstant();
    } catch (DateTimeParseException e) {
      return invalidParameter("created_at_min", "is not a valid ISO 8601 date");
    }
    List<PlacedOrders.Placed> matching =
        placed.oldestFirst().stream().filter(o -> !o.createdAt().isBefore(from)).toList();
    int start = 0;
    if (afterId >= 0) {
      while (start < matching.size() && matching.get(start).id() != afterId) {
        start++;
      }
      start++;
    }
    List<PlacedOrders.Placed> page =
        matching.subList(
            Math.min(start, matching.size()), Math.min(start + limit, matching.size()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"orders\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < page.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(page.get(i).body());
    }
    body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    Reply reply =
        new Reply(
            200,
            new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
            body.toByteArray());
    if (start + limit < matching.size()) {
      String cursor =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  (createdAtMin + "|" + page.get(page.size() - 1).id())
                      .getBytes(StandardCharsets.UTF_8));
      reply =
          reply.withHeader(
              "Link",
              "<"
                  + origin(call)
                  + "/admin/api/"
                  + call.pathParam("version")
                  + "/orders.json?limit="
                  + limit
                  + "&page_info="
                  + cursor
                  + ">; rel=\"next\"");
    }
    return reply;
  }

  private static Reply invalidParameter(String name, String problem) {
    return Reply.json(400, Map.of("errors", Map.of(name, problem)));
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
    Instant created = Instant.now(clock);
    ObjectNode order = JSON.createObjectNode();
    order.put("id", id);
    order.put("name", "#" + id);
    order.put("currency", "USD");
    order.put("total_price", String.format("%d.00", 20 * quantity));
    order.put("email", "buyer" + id + "@example.com");
    order.put("created_at", created.toString());
    ObjectNode line = order.putArray("line_items").addObject();
    line.put("sku", sku);
    line.put("quantity", quantity);
    line.put("price", "20.00");
    maybeDrift(order, "email");
    byte[] body = order.toString().getBytes(StandardCharsets.UTF_8);
    inventory.record("orders/create", order);
    placed.add(id, created, body);
    webhooks.deliver(
        body,
        Map.of(
            "Content-Type", "application/json",
            "X-Shopify-Topic", "orders/create",
            "X-Shopify-Hmac-Sha256", Signatures.hmacSha256Base64(clientSecret, body),
            "X-Shopify-Webhook-Id", UUID.randomUUID().toString(),
            "X-Shopify-Triggered-At", created.toString()));
    return Long.toString(id);
  }
}
