package com.storewire.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.RefreshTokenKeeper;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.connectors.core.VendorLimit;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.SystemId;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What reconciliation reads from Shopify, as its own read-only app (its refresh token rotates on
 * every use, so it cannot share the stock connector's). Stock: one bulk operation over every
 * inventory item, polled until COMPLETED and downloaded as JSONL, a handful of calls however many
 * items the shop has, counting only the levels at the locations the stock connector sets ({@link
 * ShopifyLocations}: {@code SHOPIFY_LOCATION_ID}, or the store's online location). Orders: REST
 * {@code orders.json}, 250 a page, following the {@code Link} header's cursor.
 */
public final class ShopifyReads implements MarketplaceReads {

  static final String RUN_BULK_QUERY =
      "mutation runBulkQuery($query: String!) { bulkOperationRunQuery(query: $query) {"
          + " bulkOperation { id status } userErrors { code field message } } }";
  static final String INVENTORY_ITEMS =
      "{ inventoryItems { edges { node { id sku inventoryLevels { edges { node { id"
          + " location { id } quantities(names: [\"available\"]) { name quantity } } } } } } } }";
  static final String CURRENT_BULK_OPERATION =
      "query { currentBulkOperation { id status errorCode objectCount url } }";

  /** States of a bulk operation that has not finished yet; the others are final. */
  private static final Set<String> UNFINISHED = Set.of("CREATED", "RUNNING", "CANCELING");

  // Polls start soon (a small shop's export takes about a second) and back off to a few seconds.
  private static final Duration FIRST_POLL_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_POLL_PAUSE = Duration.ofSeconds(5);
  private static final Duration LONGEST_EXPORT = Duration.ofMinutes(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShopifyAdmin shopify;
  private final ShopifyLocations locations;
  private final Clock clock;
  private final Pacer pacer;

  /**
   * Configured as the stock function is, but signed in with {@code
   * SHOPIFY_RECONCILIATION_REFRESH_TOKEN}, whose rotations {@code refreshTokens} keeps where every
   * process of the deployable finds them; {@code pacer} must be the one the {@link ConnectorCore}
   * passed to the reads paces by.
   */
  public ShopifyReads(
      Map<String, String> env, Clock clock, Pacer pacer, RefreshTokenKeeper refreshTokens) {
    this.shopify =
        ShopifyAdmin.from(
            env,
            "SHOPIFY_RECONCILIATION_REFRESH_TOKEN",
            refreshTokens,
            VendorLimit.SHOPIFY_ADMIN_GRAPHQL.withLargestCall(ShopifyAdmin.MUTATION_COST),
            pacer,
            clock);
    this.locations = ShopifyLocations.from(env, shopify);
    this.clock = clock;
    this.pacer = pacer;
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
  public AccessToken.Issued refresh() {
    return shopify.refresh();
  }

  @Override
  public Map<String, Integer> listings(ConnectorCore calls) {
    Set<String> at = Set.copyOf(locations.known().orElseGet(() -> calls.call(locations::ids)));
    startOrJoinInventoryExport(calls);
    JsonNode done = awaitFinished(calls);
    long objects = done.path("objectCount").asLong();
    if (objects == 0) {
      return Map.of();
    }
    String url = done.path("url").asText();
    return calls.call(token -> inventory(shopify.download(url), objects, at));
  }

  @Override
  public List<PolledOrder> ordersSince(ConnectorCore calls, Instant since) {
    List<PolledOrder> orders = new ArrayList<>();
    String url =
        shopify.restUrl(
            "orders.json?status=any&limit=250&created_at_min="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
    while (url != null) {
      String page = url;
      OrdersPage read = calls.call(token -> ordersPage(shopify.get(token, page)));
      orders.addAll(read.orders());
      url = read.next();
    }
    orders.sort(Comparator.comparing(PolledOrder::createdAt));
    return orders;
  }

  /**
   * Starts the export, or joins the one running. Shopify runs one bulk query per app and shop, and
   * this app runs no other: a running one is another task's export of the same inventory, started
   * no earlier than ours would be, so its result serves here too. Tasks reading at once share one
   * export instead of queueing one behind another.
   */
  private void startOrJoinInventoryExport(ConnectorCore calls) {
    ObjectNode variables = JSON.createObjectNode().put("query", INVENTORY_ITEMS);
    calls.call(
        token ->
            started(
                shopify.graphql(token, RUN_BULK_QUERY, variables).path("bulkOperationRunQuery")));
  }

  /** Checks the start's answer: started, or another export in progress; anything else fails. */
  private static Void started(JsonNode run) {
    JsonNode errors = run.path("userErrors");
    if (!errors.isArray()) {
      throw VendorFailure.unexpected(200, "no bulkOperationRunQuery.userErrors");
    }
    if (errors.isEmpty()) {
      if (run.path("bulkOperation").path("id").asText("").isEmpty()) {
        throw VendorFailure.unexpected(200, "no bulkOperation.id");
      }
      return null;
    }
    String code = errors.path(0).path("code").asText();
    if (!"OPERATION_IN_PROGRESS".equals(code)) {
      throw VendorFailure.permanent(200, code + ": " + errors.path(0).path("message").asText());
    }
    return null;
  }

  /**
   * Polls {@code currentBulkOperation}, pausing through the pacer between polls, until it has
   * finished, which it must do COMPLETED: the export this read started or joined, or a newer one
   * another task started after it (no older one can be current).
   */
  private JsonNode awaitFinished(ConnectorCore calls) {
    Instant giveUp = clock.instant().plus(LONGEST_EXPORT);
    Duration pause = FIRST_POLL_PAUSE;
    while (true) {
      pacer.pauseFor(pause);
      JsonNode operation =
          calls.call(
              token ->
                  polled(
                      shopify
                          .graphql(token, CURRENT_BULK_OPERATION, null)
                          .path("currentBulkOperation")));
      if (!UNFINISHED.contains(operation.path("status").asText())) {
        return operation;
      }
      if (clock.instant().isAfter(giveUp)) {
        throw VendorFailure.retryable(
            ConnectorAlertReason.TIMEOUT,
            200,
            null,
            "bulk operation "
                + operation.path("id").asText()
                + " unfinished after "
                + LONGEST_EXPORT);
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL_PAUSE) < 0
              ? pause.multipliedBy(2)
              : LONGEST_POLL_PAUSE;
    }
  }

  private static JsonNode polled(JsonNode operation) {
    String status = operation.path("status").asText("");
    if (UNFINISHED.contains(status)) {
      return operation;
    }
    if (!"COMPLETED".equals(status)) {
      // Polling again cannot change a final state: the next reconciliation run starts afresh.
      throw VendorFailure.permanent(
          200,
          "bulk operation "
              + operation.path("id").asText()
              + " ended "
              + status
              + " ("
              + operation.path("errorCode").asText("no error code")
              + ")");
    }
    long objects;
    try {
      objects = Long.parseLong(operation.path("objectCount").asText());
    } catch (NumberFormatException e) {
      throw VendorFailure.unexpected(200, "no objectCount on a completed bulk operation");
    }
    if (objects > 0 && operation.path("url").asText("").isEmpty()) {
      throw VendorFailure.unexpected(200, "no url for a bulk result of " + objects + " objects");
    }
    return operation;
  }

  /**
   * The JSONL of the inventory export: each item on its line, followed by its levels (one a
   * location) with {@code __parentId}. The stock connector's figure is the available quantities
   * summed over its locations ({@code at}); levels elsewhere (a store's shelf, another app's
   * warehouse) are not Storewire's, and an item stocked at none of them shows 0. Every object the
   * operation counted must be there.
   */
  static Map<String, Integer> inventory(String jsonl, long objects, Set<String> at) {
    Map<String, String> skuByItem = new HashMap<>();
    Map<String, Integer> listings = new TreeMap<>();
    long read = 0;
    for (String line : jsonl.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      read++;
      JsonNode object;
      try {
        object = JSON.readTree(line);
      } catch (IOException e) {
        throw VendorFailure.unexpected(200, "unreadable bulk result line " + read);
      }
      String parent = object.path("__parentId").asText("");
      if (parent.isEmpty()) {
        String sku = object.path("sku").asText("");
        skuByItem.put(object.path("id").asText(), sku);
        if (!sku.isEmpty()) {
          listings.putIfAbsent(sku, 0);
        }
        continue;
      }
      String sku = skuByItem.get(parent);
      if (sku == null) {
        throw VendorFailure.unexpected(200, "inventory level before its item " + parent);
      }
      String location = object.path("location").path("id").asText("");
      if (location.isEmpty()) {
        throw VendorFailure.unexpected(200, "no location on a level of " + parent);
      }
      Integer available = ShopifyAdmin.available(object.path("quantities"));
      if (available == null) {
        throw VendorFailure.unexpected(200, "no available quantity at a level of " + parent);
      }
      // An item without a SKU cannot be matched to Storewire's stock: nothing to reconcile.
      if (!sku.isEmpty() && at.contains(location)) {
        listings.merge(sku, available, Integer::sum);
      }
    }
    if (read != objects) {
      throw VendorFailure.unexpected(
          200, "bulk result has " + read + " of the " + objects + " objects counted");
    }
    return listings;
  }

  /** One page of orders and the next page's URL, or null on the last. */
  private record OrdersPage(List<PolledOrder> orders, String next) {}

  private static OrdersPage ordersPage(VendorHttp.Answer answer) {
    JsonNode orders = VendorHttp.json(answer).path("orders");
    if (!orders.isArray()) {
      throw VendorFailure.unexpected(answer.status(), "no orders array");
    }
    List<PolledOrder> polled = new ArrayList<>();
    for (JsonNode order : orders) {
      if (!order.path("id").isIntegralNumber()) {
        throw VendorFailure.unexpected(answer.status(), "an order without an id");
      }
      Instant createdAt;
      try {
        createdAt = OffsetDateTime.parse(order.path("created_at").asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw VendorFailure.unexpected(
            answer.status(), "order " + order.path("id") + " without a created_at");
      }
      polled.add(
          new PolledOrder(
              order.path("id").asText(),
              createdAt,
              order.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return new OrdersPage(polled, nextPage(answer.header("Link").orElse("")));
  }

  /**
   * The {@code rel="next"} target of a Link header such as {@code <a>; rel="previous", <b>;
   * rel="next"}.
   */
  static String nextPage(String link) {
    for (String relation : link.split(",")) {
      String[] parts = relation.split(";");
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].trim().equals("rel=\"next\"")) {
          String target = parts[0].trim();
          if (!target.startsWith("<") || !target.endsWith(">")) {
            throw VendorFailure.unexpected(200, "unreadable Link header: " + link);
          }
          return target.substring(1, target.length() - 1);
        }
      }
    }
    return null;
  }
}
