package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.RateLimit;
import com.storewire.sandbox.core.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
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
  private volatile boolean revoked;

  public ShipStationImitation(long seed, Clock clock, String apiSecret) {
    super("shipstation", seed, clock);
    this.apiSecret = apiSecret;
    route("POST", "/orders/createorder", this::createOrder);
  }

  @Override
  public void revokeTokens() {
    revoked = true;
  }

  private Reply createOrder(Call call) throws IOException {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((API_KEY + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    if (revoked || !basic.equals(call.header("Authorization").orElse(""))) {
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
