package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.RateLimit;
import com.storewire.sandbox.core.Reply;
import com.storewire.sandbox.core.WebhookDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ShipStation V1 as Storewire uses it (shipstation.com/docs/api; VENDORS.md): Basic {@code
 * APIKey:APISecret}; {@code POST /orders/createorder}, an upsert by {@code orderKey} with {@code
 * orderNumber} required (at most 50 characters) and only open orders updatable; 40 requests per
 * minute per key pair with {@code X-Rate-Limit-Limit/Remaining/Reset} on every answer and 429 past
 * it; errors as {@code {"message":…}}.
 */
public final class ShipStationImitation extends Imitation {

  public static final String API_KEY = "ss-key";
  static final int PER_MINUTE = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiSecret;
  private final RateLimit limit = RateLimit.fixedWindow(PER_MINUTE, Duration.ofMinutes(1));
  private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(90_000_000);
  private final Map<String, List<ObjectNode>> shipments = new ConcurrentHashMap<>();
  private final WebhookDelivery webhooks = new WebhookDelivery(faults);
  private volatile boolean revoked;

  public ShipStationImitation(long seed, Clock clock, String apiSecret) {
    super("shipstation", seed, clock);
    this.apiSecret = apiSecret;
    route("POST", "/orders/createorder", this::createOrder);
    route("POST", "/webhooks/subscribe", this::subscribe);
    route("GET", "/shipments", this::shipments);
  }

  /** {@code POST /webhooks/subscribe {target_url, event}}: SHIP_NOTIFY goes to target_url. */
  private Reply subscribe(Call call) throws IOException {
    Reply refused = authorize(call);
    if (refused != null) {
      return refused;
    }
    JsonNode request = call.json();
    if (!"SHIP_NOTIFY".equals(request.path("event").asText())
        || !request.hasNonNull("target_url")) {
      return error(
          400, "bad_request", "target_url and a supported event (SHIP_NOTIFY) are required.");
    }
    webhooks.target(request.get("target_url").asText());
    return Reply.json(201, Map.of("id", ids.incrementAndGet()));
  }

  /** {@code GET /shipments?batchId=…}: what a SHIP_NOTIFY's resource_url points at. */
  private Reply shipments(Call call) {
    Reply refused = authorize(call);
    if (refused != null) {
      return refused;
    }
    String batch = call.param("batchId").orElse("");
    List<ObjectNode> found = shipments.getOrDefault(batch, List.of());
    return Reply.json(
        200, Map.of("shipments", found, "total", found.size(), "page", 1, "pages", 1));
  }

  /**
   * Admin {@code ship}: ships an open order ({@code {"orderKey", "carrierCode", "trackingNumber"}})
   * and posts SHIP_NOTIFY, whose thin payload names only where to fetch it.
   */
  @Override
  public Optional<Reply> adminAction(String action, JsonNode body) {
    if (!"ship".equals(action)) {
      return Optional.empty();
    }
    ObjectNode order = orders.get(body.path("orderKey").asText());
    if (order == null) {
      return Optional.of(
          Reply.json(404, Map.of("error", "no order " + body.path("orderKey").asText())));
    }
    order.put("orderStatus", "shipped");
    String batch = Long.toString(ids.incrementAndGet());
    ObjectNode shipment = JSON.createObjectNode();
    shipment
        .put("shipmentId", ids.incrementAndGet())
        .put("orderId", order.path("orderId").asLong())
        .put("orderKey", order.path("orderKey").asText())
        .put("orderNumber", order.path("orderNumber").asText())
        .put("customerEmail", order.path("customerEmail").asText(null))
        .put("carrierCode", body.path("carrierCode").asText("ups"))
        .put("serviceCode", body.path("serviceCode").asText("ups_ground"))
        .put("trackingNumber", body.path("trackingNumber").asText())
        .put("shipDate", java.time.LocalDate.now(clock).toString());
    shipment.set("shipmentItems", order.path("items"));
    shipments.put(batch, List.of(shipment));
    String resourceUrl = body.path("sandbox_base_url").asText("") + "/shipments?batchId=" + batch;
    byte[] notify =
        JSON.createObjectNode()
            .put("resource_url", resourceUrl)
            .put("resource_type", "SHIP_NOTIFY")
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    inventory.record("SHIP_NOTIFY", shipment);
    return Optional.of(
        Reply.json(
            200,
            Map.of(
                "delivered",
                webhooks.deliver(notify, Map.of("Content-Type", "application/json")),
                "resource_url",
                resourceUrl)));
  }

  @Override
  public void revokeTokens() {
    revoked = true;
  }

  private boolean authenticated(Call call) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((API_KEY + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    return !revoked && basic.equals(call.header("Authorization").orElse(""));
  }

  /** Basic auth, then the per-minute limit; null when the call may proceed. */
  private Reply authorize(Call call) {
    if (!authenticated(call)) {
      return error(401, "unauthorized", "Unauthorized");
    }
    RateLimit.Outcome taken = limit.take(1);
    return taken.allowed()
        ? null
        : rateHeaders(throttled(taken.retryAfterSeconds()), 0, taken.retryAfterSeconds());
  }

  private Reply createOrder(Call call) throws IOException {
    if (!authenticated(call)) {
      return error(401, "unauthorized", "Unauthorized");
    }
    RateLimit.Outcome taken = limit.take(1);
    if (!taken.allowed()) {
      return rateHeaders(throttled(taken.retryAfterSeconds()), 0, taken.retryAfterSeconds());
    }
    JsonNode order = call.json();
    String number = order.path("orderNumber").asText("");
    if (number.isEmpty() || number.length() > 50) {
      return rateHeaders(
          error(
              400,
              "bad_request",
              "The request is invalid. orderNumber is required and at most 50 characters."),
          taken.remaining(),
          60);
    }
    String key = order.path("orderKey").asText(number);
    ObjectNode existing = orders.get(key);
    String status =
        existing == null
            ? order.path("orderStatus").asText("awaiting_shipment")
            : existing.path("orderStatus").asText();
    if (existing != null && !status.matches("awaiting_payment|awaiting_shipment|on_hold")) {
      return rateHeaders(
          error(400, "bad_request", "The order cannot be updated in status " + status + "."),
          taken.remaining(),
          60);
    }
    ObjectNode stored = order.deepCopy();
    stored.put("orderKey", key);
    stored.put(
        "orderId", existing == null ? ids.incrementAndGet() : existing.path("orderId").asLong());
    stored.put("orderStatus", status);
    orders.put(key, stored);
    inventory.record("createorder", stored);
    return rateHeaders(Reply.json(200, stored), taken.remaining(), 60);
  }

  private static Reply rateHeaders(Reply reply, long remaining, long resetSeconds) {
    return reply
        .withHeader("X-Rate-Limit-Limit", Integer.toString(PER_MINUTE))
        .withHeader("X-Rate-Limit-Remaining", Long.toString(remaining))
        .withHeader("X-Rate-Limit-Reset", Long.toString(resetSeconds));
  }

  @Override
  protected Reply error(int status, String code, String message) {
    return Reply.json(status, Map.of("message", message));
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return error(429, "too_many_requests", "Too Many Requests");
  }
}
