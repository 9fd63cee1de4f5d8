package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.PlacedOrders;
import com.storewire.sandbox.core.Reply;
import com.storewire.sandbox.core.SellingImitation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WooCommerce REST v3 as Storewire uses it (woocommerce-rest-api-docs; class-wc-webhook.php):
 * {@code /wp-json/wc/v3/…} with Basic consumer key and secret (or the same as query parameters)
 * over HTTPS, one-legged OAuth 1.0a over HTTP; {@code products/batch} with at most 100 objects and
 * per-item errors; {@code products?sku=}; the {@code {"code","message","data":{"status"}}} error;
 * no documented rate limit; and order.created webhooks signed with X-WC-Webhook-Signature, whose
 * delivery id is new per attempt.
 *
 * <p>Lists are paged as WordPress pages them ({@code page} from 1, {@code per_page} 1–100, {@code
 * X-WP-Total} and {@code X-WP-TotalPages}): every product, and every order placed (its webhook
 * delivered or not) created after {@code after}, each exactly as its order.created webhook carried
 * it. Both sort by creation date ({@code orderby=date} or {@code id}, which agree here).
 */
public final class WooCommerceImitation extends SellingImitation {

  public static final String CONSUMER_KEY = "ck_storewire";
  static final int MAX_BATCH = 100;
  static final int MAX_PER_PAGE = 100;
  static final int DEFAULT_PER_PAGE = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String consumerSecret;
  private final String webhookSecret;
  private final Map<Integer, String> skuById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idBySku = new ConcurrentHashMap<>();
  private final AtomicLong orderIds = new AtomicLong(700);
  private volatile boolean revoked;

  public WooCommerceImitation(long seed, Clock clock, String consumerSecret, String webhookSecret) {
    super("woocommerce", seed, clock);
    this.consumerSecret = consumerSecret;
    this.webhookSecret = webhookSecret;
    route("GET", "/wp-json/wc/v3/products", this::products);
    route("POST", "/wp-json/wc/v3/products/batch", this::batch);
    route("GET", "/wp-json/wc/v3/orders", this::orders);
  }

  /** WooCommerce keys do not expire; revoking is the merchant deleting the key. */
  @Override
  public void revokeTokens() {
    revoked = true;
  }

  private int productId(String sku) {
    return idBySku.computeIfAbsent(
        sku,
        s -> {
          int id = 100 + idBySku.size();
          skuById.put(id, s);
          return id;
        });
  }

  private boolean authorized(Call call) {
    if (revoked) {
      return false;
    }
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (CONSUMER_KEY + ":" + consumerSecret).getBytes(StandardCharsets.UTF_8));
    if (CONSUMER_KEY.equals(call.param("oauth_consumer_key").orElse(""))) {
      // Plain HTTP: one-legged OAuth 1.0a over the URL the client signed.
      String url = "http://" + call.header("Host").orElse("") + "/" + name() + call.path();
      return OAuth1.verify(call.method(), url, call.query(), consumerSecret);
    }
    return basic.equals(call.header("Authorization").orElse(""))
        || (CONSUMER_KEY.equals(call.param("consumer_key").orElse(""))
            && consumerSecret.equals(call.param("consumer_secret").orElse("")));
  }

  /** Every product, or the one with {@code sku}, a page at a time. */
  private Reply products(Call call) throws IOException {
    if (!authorized(call)) {
      return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
    }
    List<String> skus =
        call.param("sku")
            .map(sku -> inventory.has(sku) ? List.of(sku) : List.<String>of())
            .orElseGet(() -> new ArrayList<>(inventory.snapshot().keySet()));
    List<ObjectNode> products = new ArrayList<>();
    skus.forEach(sku -> products.add(product(sku)));
    // A product's id is its creation order, the order its date sorts in.
    products.sort((a, b) -> Integer.compare(a.get("id").asInt(), b.get("id").asInt()));
    List<byte[]> bodies = new ArrayList<>();
    for (ObjectNode product : products) {
      bodies.add(JSON.writeValueAsBytes(product));
    }
    return paged(call, bodies);
  }

  /** Orders created after {@code after}, each as its order.created webhook carried it. */
  private Reply orders(Call call) {
    if (!authorized(call)) {
      return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
    }
    Instant after;
    try {
      after = call.param("after").map(WooCommerceImitation::instant).orElse(Instant.MIN);
    } catch (DateTimeParseException e) {
      return invalidParameter("after", "Invalid date.");
    }
    return paged(
        call,
        placed.oldestFirst().stream()
            .filter(order -> order.createdAt().isAfter(after))
            .map(PlacedOrders.Placed::body)
            .toList());
  }

  /**
   * One page of a list held oldest first, as WordPress pages it: {@code order} (default desc),
   * {@code page} and {@code per_page}, the totals in headers, and a 400 for a page past the last.
   */
  private Reply paged(Call call, List<byte[]> oldestFirst) {
    int perPage =
        Integer.parseInt(call.param("per_page").orElse(Integer.toString(DEFAULT_PER_PAGE)));
    int page = Integer.parseInt(call.param("page").orElse("1"));
    String order = call.param("order").orElse("desc");
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      return invalidParameter(
          "per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
    }
    if (page < 1) {
      return invalidParameter("page", "page must be greater than or equal to 1 (inclusive)");
    }
    if (!Set.of("asc", "desc").contains(order)) {
      return invalidParameter("order", "order is not one of asc and desc.");
    }
    if (!Set.of("date", "id").contains(call.param("orderby").orElse("date"))) {
      return invalidParameter("orderby", "orderby is not one of date and id in this sandbox.");
    }
    int total = oldestFirst.size();
    int pages = (total + perPage - 1) / perPage;
    if (page > Math.max(pages, 1)) {
      return error(
          400,
          "rest_post_invalid_page_number",
          "The page number requested is larger than the number of pages available.");
    }
    List<byte[]> sorted = new ArrayList<>(oldestFirst);
    if (order.equals("desc")) {
      Collections.reverse(sorted);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write('[');
    int from = (page - 1) * perPage;
    for (int i = from; i < Math.min(from + perPage, total); i++) {
      if (i > from) {
        body.write(',');
      }
      body.writeBytes(sorted.get(i));
    }
    body.write(']');
    return new Reply(
            200,
            new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
            body.toByteArray())
        .withHeader("X-WP-Total", Integer.toString(total))
        .withHeader("X-WP-TotalPages", Integer.toString(pages));
  }

  /** An ISO 8601 date as WordPress reads it: with an offset, or without one in the site's GMT. */
  private static Instant instant(String value) {
    TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime offset
        ? offset.toInstant()
        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  private static Reply invalidParameter(String name, String problem) {
    return Reply.json(
        400,
        Map.of(
            "code",
            "rest_invalid_param",
            "message",
            "Invalid parameter(s): " + name,
            "data",
            Map.of("status", 400, "params", Map.of(name, problem))));
  }

  private ObjectNode product(String sku) {
    int quantity = inventory.get(sku);
    return JSON.createObjectNode()
        .put("id", productId(sku))
        .put("sku", sku)
        .put("manage_stock", true)
        .put("stock_quantity", quantity)
        .put("stock_status", quantity > 0 ? "instock" : "outofstock");
  }

  private Reply batch(Call call) throws IOException {
    if (!authorized(call)) {
      return error(
          401, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.");
    }
    JsonNode updates = call.json().path("update");
    int total =
        updates.size() + call.json().path("create").size() + call.json().path("delete").size();
    if (total > MAX_BATCH) {
      return error(
          413,
          "woocommerce_rest_request_entity_too_large",
          "Unable to accept more than " + MAX_BATCH + " items for this request.");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode updated = answer.putArray("update");
    for (JsonNode update : updates) {
      String sku = skuById.get(update.path("id").asInt());
      if (sku == null || faults.draw(Faults.Kind.PARTIAL_BULK).isPresent()) {
        updated
            .addObject()
            .put("id", update.path("id").asInt())
            .set(
                "error",
                JSON.valueToTree(
                    Map.of(
                        "code",
                        "woocommerce_rest_product_invalid_id",
                        "message",
                        "Invalid ID.",
                        "data",
                        Map.of("status", 400))));
      } else {
        inventory.write(sku, update.path("stock_quantity").asInt());
        inventory.record("products/batch", update);
        updated.add(product(sku));
      }
    }
    return Reply.json(200, answer);
  }

  /** Registers the SKU's product id, so the connector can look it up and batch by id. */
  public int ensureProduct(String sku) {
    return productId(sku);
  }

  @Override
  protected Reply error(int status, String code, String message) {
    return Reply.json(
        status, Map.of("code", code, "message", message, "data", Map.of("status", status)));
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return error(429, "woocommerce_rest_too_many_requests", "Too many requests.")
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  @Override
  protected String placeOrder(String sku, int quantity) {
    long id = orderIds.incrementAndGet();
    Instant created = Instant.now(clock);
    ObjectNode order = JSON.createObjectNode();
    order
        .put("id", id)
        .put("status", "processing")
        .put("currency", "USD")
        .put("total", String.format("%d.00", 20 * quantity))
        .put("date_created_gmt", created.toString());
    order.putObject("billing").put("email", "woo" + id + "@example.com");
    order
        .putArray("line_items")
        .addObject()
        .put("sku", sku)
        .put("quantity", quantity)
        .put("price", 20.0)
        .put("product_id", productId(sku));
    maybeDrift(order, "billing");
    byte[] body = order.toString().getBytes(StandardCharsets.UTF_8);
    inventory.record("order.created", order);
    placed.add(id, created, body);
    webhooks.deliver(
        body,
        Map.of(
            "Content-Type", "application/json",
            "X-WC-Webhook-Source", "https://shop.example/",
            "X-WC-Webhook-Topic", "order.created",
            "X-WC-Webhook-Resource", "order",
            "X-WC-Webhook-Event", "created",
            "X-WC-Webhook-Signature", Signatures.hmacSha256Base64(webhookSecret, body),
            "X-WC-Webhook-ID", "1",
            // A fresh delivery id per attempt, as wp_hash(webhook_id . now) makes one.
            "X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString()));
    return Long.toString(id);
  }
}
