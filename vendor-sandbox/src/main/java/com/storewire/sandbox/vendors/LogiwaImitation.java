package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.RateLimit;
import com.storewire.sandbox.core.Reply;
import com.storewire.sandbox.core.Tokens;
import com.storewire.sandbox.core.WebhookDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logiwa WMS, Integration API. Its docs are private; this is a minimal, clearly labelled shape of
 * the operations Storewire uses, from third-party harvests (VENDORS.md): password-grant tokens from
 * {@code POST /token} (about two weeks), RPC-style {@code POST /en/api/IntegrationApi/{Method}} for
 * {@code StockSearch}, {@code InsertShipmentOrder} (at most 50 orders) and {@code
 * WarehouseOrderSearch}, 1 request/s and 60/min on the Standard plan, throttling as HTTP 403 with a
 * retry-after message, and failures as {@code {"Success":false,"Errors":[…]}}. No idempotency is
 * documented, so a repeated order code is refused here as a WMS would refuse a duplicate document.
 * The unsigned "Inventory Change" webhook is posted by the admin actions {@code receive} and {@code
 * count}; its field names beyond TotalInventoryQuantity and AvailableQuantity are this sandbox's.
 */
public final class LogiwaImitation extends Imitation {

  public static final String USERNAME = "storewire@example.com";
  static final int MAX_ORDERS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String password;
  private final Tokens tokens = new Tokens(clock, Duration.ofDays(14), "lw-");
  private final RateLimit perSecond = RateLimit.fixedWindow(1, Duration.ofSeconds(1));
  private final RateLimit perMinute = RateLimit.fixedWindow(60, Duration.ofMinutes(1));
  private final Map<String, JsonNode> orders = new ConcurrentHashMap<>();
  private final WebhookDelivery webhooks = new WebhookDelivery(faults);
  private final AtomicLong transactions = new AtomicLong(5_000);

  public LogiwaImitation(long seed, Clock clock, String password) {
    super("logiwa", seed, clock);
    this.password = password;
    route("POST", "/token", this::token);
    route("POST", "/en/api/IntegrationApi/StockSearch", this::stockSearch);
    route("POST", "/en/api/IntegrationApi/InsertShipmentOrder", this::insertShipmentOrder);
    route("POST", "/en/api/IntegrationApi/WarehouseOrderSearch", this::warehouseOrderSearch);
  }

  /**
   * Admin {@code webhook-target} points the Inventory Change webhook; {@code receive} ({@code
   * {"sku","quantity"}}) books a goods receipt and {@code count} ({@code {"sku","counted"}}) a
   * stock count, each posting the webhook.
   */
  @Override
  public Optional<Reply> adminAction(String action, JsonNode body) {
    String sku = body.path("sku").asText();
    int before = Optional.ofNullable(inventory.get(sku)).orElse(0);
    String type;
    int after;
    switch (action) {
      case "inventory-webhook-target" -> {
        webhooks.target(body.path("url").asText());
        return Optional.of(Reply.json(200, Map.of("target", body.path("url").asText())));
      }
      case "receive" -> {
        type = "Receipt";
        after = before + body.path("quantity").asInt();
      }
      case "count" -> {
        type = "Count";
        after = body.path("counted").asInt();
      }
      default -> {
        return Optional.empty();
      }
    }
    inventory.set(sku, after);
    ObjectNode change =
        JSON.createObjectNode()
            .put("EventType", "Inventory Change")
            .put("TransactionId", "LW-" + transactions.incrementAndGet())
            .put("TransactionType", type)
            .put("Code", sku)
            .put("Quantity", after - before)
            .put("TotalInventoryQuantity", after)
            .put("AvailableQuantity", after);
    inventory.record("Inventory Change", change);
    return Optional.of(
        Reply.json(
            200,
            Map.of(
                "delivered",
                webhooks.deliver(
                    change.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json")))));
  }

  @Override
  public void revokeTokens() {
    tokens.revokeAll();
  }

  private Reply token(Call call) {
    Map<String, String> form = call.form();
    if (!"password".equals(form.get("grant_type"))
        || !USERNAME.equals(form.get("username"))
        || !password.equals(form.get("password"))) {
      return Reply.json(
          400,
          Map.of(
              "error",
              "invalid_grant",
              "error_description",
              "The user name or password is incorrect."));
    }
    tokens.allowRefreshToken(USERNAME);
    return Reply.json(
        200,
        Map.of(
            "access_token",
            tokens.exchange(USERNAME),
            "token_type",
            "bearer",
            "expires_in",
            tokens.lifetime().toSeconds()));
  }

  private Reply gate(Call call) {
    if (!tokens.valid(bearer(call))) {
      return Reply.json(401, Map.of("Message", "Authorization has been denied for this request."));
    }
    RateLimit.Outcome minute = perMinute.take(1);
    RateLimit.Outcome second = minute.allowed() ? perSecond.take(1) : minute;
    return second.allowed() ? null : throttled(second.retryAfterSeconds());
  }

  private Reply stockSearch(Call call) throws IOException {
    Reply refused = gate(call);
    if (refused != null) {
      return refused;
    }
    JsonNode request = call.json();
    ObjectNode answer = JSON.createObjectNode().put("Success", true);
    ArrayNode data = answer.putArray("Data");
    String code = request.path("Code").asText(null);
    inventory
        .snapshot()
        .forEach(
            (sku, quantity) -> {
              if (code == null || code.equals(sku)) {
                data.addObject()
                    .put("Code", sku)
                    .put("AvailableQuantity", quantity)
                    .put("TotalInventoryQuantity", quantity);
              }
            });
    return Reply.json(200, answer);
  }

  private Reply insertShipmentOrder(Call call) throws IOException {
    Reply refused = gate(call);
    if (refused != null) {
      return refused;
    }
    JsonNode orders = call.json();
    if (!orders.isArray() || orders.isEmpty() || orders.size() > MAX_ORDERS) {
      return error(
          200,
          "invalid",
          "Between 1 and " + MAX_ORDERS + " shipment orders are accepted per call.");
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode order : orders) {
      String code = order.path("Code").asText("");
      if (code.isEmpty() || orders(code).isPresent()) {
        errors.add("Shipment order code '" + code + "' is empty or already exists.");
      }
      for (JsonNode line : order.path("Details")) {
        if (!inventory.has(line.path("InventoryItemCode").asText())) {
          errors.add(
              "Inventory item '" + line.path("InventoryItemCode").asText() + "' was not found.");
        }
      }
    }
    if (!errors.isEmpty()) {
      return Reply.json(200, Map.of("Success", false, "Errors", errors));
    }
    orders.forEach(
        order -> {
          this.orders.put(order.path("Code").asText(), order);
          inventory.record("InsertShipmentOrder", order);
        });
    return Reply.json(200, Map.of("Success", true, "Errors", List.of()));
  }

  private Optional<JsonNode> orders(String code) {
    return Optional.ofNullable(orders.get(code));
  }

  /** Paged search by order code, as {@code WarehouseOrderSearch} takes it. */
  private Reply warehouseOrderSearch(Call call) throws IOException {
    Reply refused = gate(call);
    if (refused != null) {
      return refused;
    }
    String code = call.json().path("Code").asText("");
    List<JsonNode> found = orders(code).map(List::of).orElse(List.of());
    return Reply.json(200, Map.of("Success", true, "Data", found, "TotalCount", found.size()));
  }

  /** Logiwa reports failures in the body, not the status. */
  @Override
  protected Reply error(int status, String code, String message) {
    return Reply.json(status, Map.of("Success", false, "Errors", List.of(message)));
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    countThrottle();
    return Reply.json(
        403,
        Map.of(
            "Message",
            "Request has been throttled (blocked). Please retry after "
                + retryAfterSeconds * 1000
                + " milliseconds later."));
  }
}
