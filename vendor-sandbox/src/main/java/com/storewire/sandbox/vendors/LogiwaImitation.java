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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Logiwa WMS, Integration API. Its docs are private; this is a minimal, clearly labelled shape of
 * the operations Storewire uses, from third-party harvests (VENDORS.md): password-grant tokens from
 * {@code POST /token} (about two weeks), RPC-style {@code POST /en/api/IntegrationApi/{Method}} for
 * {@code StockSearch} and {@code InsertShipmentOrder} (at most 50 orders), 1 request/s and 60/min
 * on the Standard plan, throttling as HTTP 403 with a retry-after message, and failures as {@code
 * {"Success":false,"Errors":[…]}}.
 */
public final class LogiwaImitation extends Imitation {

  public static final String USERNAME = "storewire@example.com";
  static final int MAX_ORDERS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String password;
  private final Tokens tokens = new Tokens(clock, Duration.ofDays(14), "lw-");
  private final RateLimit perSecond = RateLimit.fixedWindow(1, Duration.ofSeconds(1));
  private final RateLimit perMinute = RateLimit.fixedWindow(60, Duration.ofMinutes(1));

  public LogiwaImitation(long seed, Clock clock, String password) {
    super("logiwa", seed, clock);
    this.password = password;
    route("POST", "/token", this::token);
    route("POST", "/en/api/IntegrationApi/StockSearch", this::stockSearch);
    route("POST", "/en/api/IntegrationApi/InsertShipmentOrder", this::insertShipmentOrder);
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
    orders.forEach(order -> inventory.record("InsertShipmentOrder", order));
    return Reply.json(200, Map.of("Success", true, "Errors", List.of()));
  }

  /** Logiwa reports failures in the body, not the status. */
  @Override
  protected Reply error(int status, String code, String message) {
    return Reply.json(status, Map.of("Success", false, "Errors", List.of(message)));
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return Reply.json(
        403,
        Map.of(
            "Message",
            "Request has been throttled (blocked). Please retry after "
                + retryAfterSeconds * 1000
                + " milliseconds later."));
  }
}
