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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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
 * <p>Inventory is kept per location, as Shopify keeps it: the shop has several {@link Location}s
 * with real-looking global ids (none of them {@code gid://shopify/Location/1}), one of them
 * primary, which the {@code location} query answers when given no id; {@code locations(first: …)}
 * lists the active ones ({@code includeInactive} adds the others). Every quantity of {@code
 * inventorySetQuantities} and {@code inventoryAdjustQuantities} names its location: an unknown one
 * is INVALID_LOCATION, an inactive one (which stocks nothing) ITEM_NOT_STOCKED_AT_LOCATION.
 * Inventory reads give an item's level at a location ({@code inventoryLevel(locationId: …)},
 * aliases allowed) or its levels ({@code inventoryLevels(first: …)}), each with its {@code location
 * { id }}, and the bulk export has a line per item and level. Buyers buy what the active locations
 * that fulfil online orders hold together (the {@link #inventory()} figure, which the admin API and
 * the benchmark read); stock set out of band and units sold are counted at the primary location
 * (or, when it does not sell online, the first that does), and a sale it cannot cover is fulfilled
 * from the other online locations, as Shopify routes an order.
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

  /** The first field the sandbox serves, past any variable (a {@code $location} is not one). */
  private static final Pattern OPERATION =
      Pattern.compile(
          "(?<!\\$)\\b(bulkOperationRunQuery|currentBulkOperation|inventorySetQuantities"
              + "|inventoryAdjustQuantities|inventoryItems|locations|location)\\b");

  /** The query argument: a variable, a block string or a string literal. */
  private static final Pattern BULK_QUERY_ARGUMENT =
      Pattern.compile(
          "bulkOperationRunQuery\\s*\\(\\s*query\\s*:\\s*"
              + "(?:\\$(\\w+)|\"\"\"(.*?)\"\"\"|(\"(?:[^\"\\\\]|\\\\.)*\"))",
          Pattern.DOTALL);

  /** Levels at one location, or at each: {@code at0: inventoryLevel(locationId: $location0)}. */
  private static final Pattern LEVEL_AT =
      Pattern.compile(
          "(?:(\\w+)\\s*:\\s*)?\\binventoryLevel\\s*\\(\\s*locationId\\s*:\\s*"
              + "(?:\\$(\\w+)|\"([^\"]*)\")\\s*\\)");

  private static final Pattern LEVELS_FIRST =
      Pattern.compile("\\binventoryLevels\\s*\\(\\s*first\\s*:\\s*(\\d+)");
  private static final Pattern LOCATION_BY_ID =
      Pattern.compile("\\blocation\\s*\\(\\s*id\\s*:\\s*(?:\\$(\\w+)|\"([^\"]*)\")\\s*\\)");
  private static final Pattern LOCATIONS_ARGUMENTS =
      Pattern.compile("\\blocations\\s*\\(([^)]*)\\)");

  /**
   * A place where the shop stocks inventory, as Admin GraphQL's {@code Location} describes it: only
   * an active location stocks anything, and only an active one that fulfils online orders sells to
   * the online store's buyers.
   */
  public record Location(String id, String name, boolean active, boolean fulfillsOnlineOrders) {

    /** Sells to online buyers: what the shop's online figure adds up. */
    boolean sellsOnline() {
      return active && fulfillsOnlineOrders;
    }

    /** The numeric part of the global id, as an inventory level's id carries it. */
    String number() {
      return id.substring(id.lastIndexOf('/') + 1);
    }

    ObjectNode json() {
      return JSON.createObjectNode()
          .put("id", id)
          .put("name", name)
          .put("isActive", active)
          .put("fulfillsOnlineOrders", fulfillsOnlineOrders);
    }
  }

  /** The primary location of a new shop: a warehouse that ships online orders. */
  public static final Location MAIN_WAREHOUSE =
      new Location("gid://shopify/Location/74656710882", "Main warehouse", true, true);

  /** A shop that sells in person: it stocks inventory but fulfils no online orders. */
  public static final Location FLAGSHIP_STORE =
      new Location("gid://shopify/Location/74656743650", "Flagship store", true, false);

  /** A second warehouse that also ships online orders. */
  public static final Location OVERFLOW_WAREHOUSE =
      new Location("gid://shopify/Location/74656776418", "Overflow warehouse", true, true);

  /** A deactivated location: listed only with {@code includeInactive}, stocks nothing. */
  public static final Location CLOSED_POPUP =
      new Location("gid://shopify/Location/74656809186", "Summer pop-up", false, false);

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

  /** A completed operation's JSONL, served at its URL for {@link #OUTPUT_LIFETIME}. */
  private record Output(byte[] jsonl, Instant completedAt) {}

  static final Duration OUTPUT_LIFETIME = Duration.ofDays(7);
  static final int KEPT_OUTPUTS = 20;

  private final Map<String, Output> outputs =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Output> eldest) {
          return size() > KEPT_OUTPUTS;
        }
      };

  /** The shop's locations, the primary first. */
  private volatile List<Location> locations =
      List.of(MAIN_WAREHOUSE, FLAGSHIP_STORE, OVERFLOW_WAREHOUSE, CLOSED_POPUP);

  /**
   * Quantities at every location but the anchor (see {@link #anchor}), by SKU and location id; the
   * anchor holds the rest of the online figure. Guarded by {@link #inventory}'s lock, which a sale
   * also takes.
   */
  private final Map<String, Map<String, Integer>> elsewhere = new HashMap<>();

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

  /** The shop's locations, the primary first. */
  public List<Location> locations() {
    return locations;
  }

  /**
   * Sets the shop up with these locations, the primary first, as a merchant adds, deactivates and
   * reassigns them; quantities at locations still there are kept. The online figure of each SKU
   * stays what it was, now counted at the new anchor.
   */
  public void locations(Location primary, Location... others) {
    List<Location> all = new ArrayList<>();
    all.add(primary);
    all.addAll(List.of(others));
    synchronized (inventory) {
      locations = List.copyOf(all);
      Location anchor = anchor();
      elsewhere
          .values()
          .forEach(
              levels ->
                  levels
                      .keySet()
                      .removeIf(
                          id ->
                              anchor != null && anchor.id().equals(id)
                                  || all.stream().noneMatch(l -> l.id().equals(id))));
    }
  }

  /**
   * A SKU's quantity at each location that stocks it (the active ones), by location id: what
   * Shopify's admin shows per location.
   */
  public Map<String, Integer> levels(String sku) {
    synchronized (inventory) {
      Map<String, Integer> levels = new LinkedHashMap<>();
      if (inventory.has(sku)) {
        locations.stream().filter(Location::active).forEach(l -> levels.put(l.id(), at(sku, l)));
      }
      return levels;
    }
  }

  /**
   * Sets a SKU's quantity at a location out of band, as the merchant's admin or a point of sale
   * would: not an API write.
   */
  public void stockAt(String sku, String locationId, int quantity) {
    synchronized (inventory) {
      Location location = location(locationId);
      if (location == null || !location.active()) {
        throw new IllegalArgumentException(locationId + " stocks nothing at this shop");
      }
      if (!inventory.has(sku)) {
        inventory.set(sku, 0);
      }
      Location anchor = anchor();
      if (location.equals(anchor)) {
        inventory.set(sku, quantity + elsewhereOnline(sku, anchor));
      } else {
        int before = at(sku, location);
        elsewhere.computeIfAbsent(sku, k -> new HashMap<>()).put(location.id(), quantity);
        if (location.sellsOnline()) {
          inventory.set(sku, inventory.get(sku) - before + quantity);
        }
      }
    }
  }

  private Location location(String id) {
    return locations.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * Where the online figure not held elsewhere is counted, stock set out of band lands and sales
   * are taken first: the primary location if it sells online, else the first location that does;
   * null when none does.
   */
  private Location anchor() {
    return locations.stream().filter(Location::sellsOnline).findFirst().orElse(null);
  }

  /** What the online locations other than the anchor hold of a SKU. */
  private int elsewhereOnline(String sku, Location anchor) {
    Map<String, Integer> levels = elsewhere.getOrDefault(sku, Map.of());
    return locations.stream()
        .filter(l -> l.sellsOnline() && !l.equals(anchor))
        .mapToInt(l -> levels.getOrDefault(l.id(), 0))
        .sum();
  }

  /** A SKU's quantity at an active location; callers hold the inventory's lock. */
  private int at(String sku, Location location) {
    Location anchor = anchor();
    if (location.equals(anchor)) {
      return inventory.get(sku) - elsewhereOnline(sku, anchor);
    }
    return elsewhere.getOrDefault(sku, Map.of()).getOrDefault(location.id(), 0);
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
      case "location" -> charged(1, data -> data.set("location", location(query, variables)));
      case "locations" -> listLocations(query, variables);
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
            default -> data.set("inventoryItems", read(items, query, variables));
          }
        });
  }

  /**
   * {@code location(id: …)}: the location with that id, null when the shop has none; without an id,
   * the shop's primary location.
   */
  private JsonNode location(String query, JsonNode variables) {
    Matcher byId = LOCATION_BY_ID.matcher(query);
    Location found;
    if (byId.find()) {
      String id = byId.group(1) != null ? variables.path(byId.group(1)).asText() : byId.group(2);
      found = location(id);
    } else {
      found = locations.get(0);
    }
    return found == null ? NullNode.getInstance() : found.json();
  }

  /**
   * {@code locations(first: n, includeInactive: …)}: the active locations (all with {@code
   * includeInactive: true}), primary first, at most {@code first}; a connection needs {@code
   * first}. The cost is 2 plus one a location listed.
   */
  private Reply listLocations(String query, JsonNode variables) {
    Matcher arguments = LOCATIONS_ARGUMENTS.matcher(query);
    String first = arguments.find() ? argument(arguments.group(1), "first", variables) : null;
    if (first == null) {
      return graphqlError("you must provide one of first or last", "missingRequiredArguments");
    }
    boolean includeInactive =
        "true".equals(argument(arguments.group(1), "includeInactive", variables));
    List<Location> listed =
        locations.stream()
            .filter(l -> includeInactive || l.active())
            .limit(Math.max(0, Integer.parseInt(first)))
            .toList();
    return charged(
        2 + listed.size(),
        data -> {
          ObjectNode connection = data.putObject("locations");
          ArrayNode nodes = connection.putArray("nodes");
          ArrayNode edges = connection.putArray("edges");
          listed.forEach(
              l -> {
                nodes.add(l.json());
                edges.addObject().set("node", l.json());
              });
          connection.putObject("pageInfo").put("hasNextPage", false).put("hasPreviousPage", false);
        });
  }

  /** A literal or {@code $variable} argument's value in an argument list, or null. */
  private static String argument(String arguments, String name, JsonNode variables) {
    Matcher value =
        Pattern.compile("\\b" + name + "\\s*:\\s*(?:\\$(\\w+)|([\\w\"]+))").matcher(arguments);
    if (!value.find()) {
      return null;
    }
    if (value.group(1) != null) {
      JsonNode variable = variables.path(value.group(1));
      return variable.isMissingNode() || variable.isNull() ? null : variable.asText();
    }
    return value.group(2).replace("\"", "");
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
   * each location that stocks it, with the location and a {@code __parentId} pointing back to the
   * item.
   */
  private void complete(BulkOperation operation) {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    synchronized (inventory) {
      inventory
          .snapshot()
          .keySet()
          .forEach(
              sku -> {
                String item = inventoryItemId(sku);
                StringBuilder both =
                    new StringBuilder(
                        JSON.createObjectNode().put("id", item).put("sku", sku) + "\n");
                operation.rootObjectCount++;
                operation.objectCount++;
                for (Location location : locations) {
                  if (location.active()) {
                    ObjectNode level = level(sku, location);
                    level.put("__parentId", item);
                    both.append(level).append('\n');
                    operation.objectCount++;
                  }
                }
                lines.writeBytes(both.toString().getBytes(StandardCharsets.UTF_8));
              });
    }
    operation.status = "COMPLETED";
    operation.file = "bulk-" + UUID.randomUUID() + ".jsonl";
    operation.output = lines.toByteArray();
    outputs.put(operation.file, new Output(operation.output, clock.instant()));
  }

  /** An item's inventory level at an active location, as Admin GraphQL shows it. */
  private ObjectNode level(String sku, Location location) {
    ObjectNode level =
        JSON.createObjectNode()
            .put(
                "id",
                "gid://shopify/InventoryLevel/" + location.number() + "?inventory_item_id=" + sku);
    level.putObject("location").put("id", location.id());
    level
        .putArray("quantities")
        .addObject()
        .put("name", "available")
        .put("quantity", at(sku, location));
    return level;
  }

  /**
   * A bulk result by its pre-signed URL: no access token, the unguessable name is the signature.
   * Results stay there for seven days after their operation completed, newer operations or not (the
   * sandbox keeps the latest {@value #KEPT_OUTPUTS}); any other name is the storage's own 404.
   */
  private synchronized Reply bulkOutput(Call call) {
    Output output = outputs.get(call.pathParam("file"));
    if (output == null || !clock.instant().isBefore(output.completedAt().plus(OUTPUT_LIFETIME))) {
      return Reply.text(
          404,
          "application/xml",
          "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
              + "<Message>The specified key does not exist.</Message></Error>");
    }
    return new Reply(
        200, new LinkedHashMap<>(Map.of("Content-Type", "application/jsonl")), output.jsonl());
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

  /**
   * Sets each quantity at its location, conditional on {@code changeFromQuantity} (an explicit null
   * skips the check). A SKU's online figure changes once the whole call has been applied, as one
   * API write.
   */
  private ObjectNode set(JsonNode quantities, String version) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode userErrors = result.putArray("userErrors");
    boolean casMandatory = version.compareTo("2026-04") >= 0;
    synchronized (inventory) {
      Map<String, Integer> atAnchor = new LinkedHashMap<>();
      for (int i = 0; i < quantities.size(); i++) {
        JsonNode q = quantities.get(i);
        String sku = skuOf(q.path("inventoryItemId").asText());
        Location location = location(q.path("locationId").asText());
        JsonNode expected = q.get("changeFromQuantity");
        if (sku == null || !inventory.has(sku)) {
          userError(
              userErrors,
              i,
              "inventoryItemId",
              "INVALID_INVENTORY_ITEM",
              "The specified inventory item could not be found.");
        } else if (!stocked(userErrors, i, location)) {
          continue;
        } else if (casMandatory && expected == null) {
          userError(
              userErrors,
              i,
              "changeFromQuantity",
              "CHANGE_FROM_QUANTITY_REQUIRED",
              "changeFromQuantity is required.");
        } else if (expected != null
            && !expected.isNull()
            && expected.asInt() != current(sku, location, atAnchor)) {
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
          put(sku, location, q.path("quantity").asInt(), atAnchor);
          inventory.record("inventorySetQuantities", q);
        }
      }
      applyOnline(atAnchor);
    }
    result
        .putObject("inventoryAdjustmentGroup")
        .put("id", "gid://shopify/InventoryAdjustmentGroup/" + UUID.randomUUID());
    return result;
  }

  private ObjectNode adjust(JsonNode changes) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode userErrors = result.putArray("userErrors");
    synchronized (inventory) {
      Map<String, Integer> atAnchor = new LinkedHashMap<>();
      for (int i = 0; i < changes.size(); i++) {
        JsonNode change = changes.get(i);
        String sku = skuOf(change.path("inventoryItemId").asText());
        Location location = location(change.path("locationId").asText());
        if (sku == null || !inventory.has(sku)) {
          userError(
              userErrors,
              i,
              "inventoryItemId",
              "INVALID_INVENTORY_ITEM",
              "The specified inventory item could not be found.");
        } else if (stocked(userErrors, i, location)) {
          put(
              sku,
              location,
              current(sku, location, atAnchor) + change.path("delta").asInt(),
              atAnchor);
          inventory.record("inventoryAdjustQuantities", change);
        }
      }
      applyOnline(atAnchor);
    }
    return result;
  }

  /**
   * Whether items can be stocked at the location; if not, the user error Shopify gives: an unknown
   * location is INVALID_LOCATION, an inactive one ITEM_NOT_STOCKED_AT_LOCATION.
   */
  private static boolean stocked(ArrayNode userErrors, int index, Location location) {
    if (location == null) {
      userError(
          userErrors,
          index,
          "locationId",
          "INVALID_LOCATION",
          "The specified location could not be found.");
      return false;
    }
    if (!location.active()) {
      userError(
          userErrors,
          index,
          "locationId",
          "ITEM_NOT_STOCKED_AT_LOCATION",
          "The specified inventory item is not stocked at the location.");
      return false;
    }
    return true;
  }

  /**
   * A SKU's quantity at a location during one mutation: the anchor's as the mutation left it
   * ({@code atAnchor}), or as the figure says if the mutation has not touched the SKU yet.
   */
  private int current(String sku, Location location, Map<String, Integer> atAnchor) {
    return location.equals(anchor()) && atAnchor.containsKey(sku)
        ? atAnchor.get(sku)
        : at(sku, location);
  }

  /** Puts a quantity at a location within a mutation; {@link #applyOnline} then writes figures. */
  private void put(String sku, Location location, int quantity, Map<String, Integer> atAnchor) {
    Location anchor = anchor();
    if (location.sellsOnline()) {
      atAnchor.computeIfAbsent(sku, k -> at(k, anchor));
    }
    if (location.equals(anchor)) {
      atAnchor.put(sku, quantity);
    } else {
      elsewhere.computeIfAbsent(sku, k -> new HashMap<>()).put(location.id(), quantity);
    }
  }

  /** Writes the online figure of each SKU a mutation changed at an online location. */
  private void applyOnline(Map<String, Integer> atAnchor) {
    Location anchor = anchor();
    atAnchor.forEach(
        (sku, anchored) -> inventory.write(sku, anchored + elsewhereOnline(sku, anchor)));
  }

  /**
   * Inventory items as the Admin GraphQL API returns them: {@code inventoryItems(first, query:
   * "sku:A OR sku:B")} with, per item, each {@code inventoryLevel(locationId: …)} the query asks
   * for under its alias (null where the item is not stocked) and {@code inventoryLevels(first: n)}
   * if asked, each level with its location and "available" quantity.
   */
  private ObjectNode read(JsonNode skus, String query, JsonNode variables) {
    Map<String, String> levelAt = new LinkedHashMap<>();
    Matcher at = LEVEL_AT.matcher(query);
    while (at.find()) {
      levelAt.put(
          at.group(1) != null ? at.group(1) : "inventoryLevel",
          at.group(2) != null ? variables.path(at.group(2)).asText() : at.group(3));
    }
    Matcher levelsFirst = LEVELS_FIRST.matcher(query);
    int levels = levelsFirst.find() ? Integer.parseInt(levelsFirst.group(1)) : 0;
    ObjectNode connection = JSON.createObjectNode();
    ArrayNode nodes = connection.putArray("nodes");
    synchronized (inventory) {
      for (JsonNode sku : skus) {
        if (!inventory.has(sku.asText())) {
          continue;
        }
        ObjectNode node = nodes.addObject();
        node.put("id", inventoryItemId(sku.asText()));
        node.put("sku", sku.asText());
        levelAt.forEach(
            (alias, locationId) -> {
              Location location = location(locationId);
              if (location == null || !location.active()) {
                node.putNull(alias);
              } else {
                node.set(alias, level(sku.asText(), location));
              }
            });
        if (levels > 0) {
          ArrayNode levelNodes = node.putObject("inventoryLevels").putArray("nodes");
          locations.stream()
              .filter(Location::active)
              .limit(levels)
              .forEach(l -> levelNodes.add(level(sku.asText(), l)));
        }
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

  /**
   * A sale comes off the anchor location; what it could not cover there comes off the other online
   * locations, as Shopify routes an order to a location that has the units.
   */
  private void fulfilFromOtherLocations(String sku) {
    synchronized (inventory) {
      Location anchor = anchor();
      if (anchor == null) {
        return;
      }
      int missing = -at(sku, anchor);
      for (Location location : locations) {
        if (missing <= 0) {
          break;
        }
        if (location.sellsOnline() && !location.equals(anchor)) {
          int there = at(sku, location);
          int taken = Math.min(there, missing);
          if (taken > 0) {
            elsewhere.get(sku).put(location.id(), there - taken);
            missing -= taken;
          }
        }
      }
    }
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
    fulfilFromOtherLocations(sku);
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
