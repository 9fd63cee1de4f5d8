package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.Reply;
import com.storewire.sandbox.core.SellingImitation;
import com.storewire.sandbox.core.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * eBay Sell APIs as Storewire uses them (developer.ebay.com, sources in VENDORS.md): OAuth user
 * tokens from {@code POST /identity/v1/oauth2/token} (Basic client credentials, refresh_token
 * grant, {@code expires_in} 7200); {@code bulkUpdatePriceQuantity} with at most 25 requests and a
 * per-item result; inventory item reads; the {@code {"errors":[{"errorId",…}]}} body; and
 * notifications signed with {@code X-EBAY-SIGNATURE} (ECDSA, SHA1) whose public key is served by
 * {@code GET /commerce/notification/v1/public_key/{kid}}.
 */
public final class EbayImitation extends SellingImitation {

  public static final String CLIENT_ID = "Storewire-app-PRD";
  static final int MAX_BULK = 25;
  static final String KEY_ID = "ebay-key-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tokens tokens = new Tokens(clock, Duration.ofHours(2), "v^1.1#i^1#");
  private final String clientSecret;
  private final KeyPair signingKey = newKey();
  private final AtomicLong ids = new AtomicLong(10_000);

  public EbayImitation(long seed, Clock clock, String clientSecret, String refreshToken) {
    super("ebay", seed, clock);
    this.clientSecret = clientSecret;
    tokens.allowRefreshToken(refreshToken);
    route("POST", "/identity/v1/oauth2/token", this::token);
    route("POST", "/sell/inventory/v1/bulk_update_price_quantity", this::bulkUpdate);
    route("GET", "/sell/inventory/v1/inventory_item/{sku}", this::inventoryItem);
    route("GET", "/commerce/notification/v1/public_key/{kid}", this::publicKey);
  }

  @Override
  public void revokeTokens() {
    tokens.revokeAll();
  }

  private Reply token(Call call) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    Map<String, String> form = call.form();
    String access =
        expected.equals(call.header("Authorization").orElse(""))
                && "refresh_token".equals(form.get("grant_type"))
            ? tokens.exchange(form.get("refresh_token"))
            : null;
    if (access == null) {
      return Reply.json(
          400,
          Map.of(
              "error",
              "invalid_grant",
              "error_description",
              "the provided authorization refresh token is invalid or was issued to another client"));
    }
    return Reply.json(
        200, Map.of("access_token", access, "expires_in", 7200, "token_type", "User Access Token"));
  }

  private Reply unauthorized(Call call) {
    String token = bearer(call);
    if (token == null) {
      return errorBody(400, 1002, "OAuth", "Missing access token");
    }
    return tokens.valid(token) ? null : errorBody(401, 1001, "OAuth", "Invalid access token");
  }

  private Reply bulkUpdate(Call call) throws IOException {
    Reply refused = unauthorized(call);
    if (refused != null) {
      return refused;
    }
    JsonNode requests = call.json().path("requests");
    if (requests.size() > MAX_BULK) {
      return errorBody(
          400,
          25709,
          "API_INVENTORY",
          "Invalid value for requests. The maximum number of requests is " + MAX_BULK + ".");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode responses = answer.putArray("responses");
    for (JsonNode request : requests) {
      String sku = request.path("sku").asText();
      ObjectNode response = responses.addObject().put("sku", sku);
      JsonNode quantity = request.path("shipToLocationAvailability").path("quantity");
      if (!inventory.has(sku)
          || !quantity.isInt()
          || faults.draw(Faults.Kind.PARTIAL_BULK).isPresent()) {
        response.put("statusCode", 400);
        response
            .putArray("errors")
            .add(errorNode(25702, "API_INVENTORY", "SKU " + sku + " could not be updated"));
      } else {
        inventory.write(sku, quantity.asInt());
        inventory.record("bulkUpdatePriceQuantity", request);
        response.put("statusCode", 200);
        response.putArray("errors");
      }
      response.putArray("warnings");
    }
    return Reply.json(200, answer);
  }

  private Reply inventoryItem(Call call) {
    Reply refused = unauthorized(call);
    if (refused != null) {
      return refused;
    }
    String sku = call.pathParam("sku");
    if (!inventory.has(sku)) {
      return errorBody(
          404, 25702, "API_INVENTORY", "SKU " + sku + " is not available in the system");
    }
    ObjectNode item = JSON.createObjectNode().put("sku", sku);
    item.putObject("availability")
        .putObject("shipToLocationAvailability")
        .put("quantity", inventory.get(sku));
    return Reply.json(200, item);
  }

  private Reply publicKey(Call call) {
    if (!KEY_ID.equals(call.pathParam("kid"))) {
      return errorBody(404, 195001, "API_NOTIFICATION", "The specified key id is invalid.");
    }
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(signingKey.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    return Reply.json(200, Map.of("key", pem, "algorithm", "ECDSA", "digest", "SHA1"));
  }

  private static ObjectNode errorNode(int errorId, String domain, String message) {
    ObjectNode error = JSON.createObjectNode();
    error
        .put("errorId", errorId)
        .put("domain", domain)
        .put("category", errorId < 2000 ? "REQUEST" : "BUSINESS")
        .put("message", message)
        .put("longMessage", message);
    return error;
  }

  private static Reply errorBody(int status, int errorId, String domain, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors").add(errorNode(errorId, domain, message));
    return Reply.json(status, body);
  }

  @Override
  protected Reply error(int status, String code, String message) {
    return errorBody(status, status >= 500 ? 25001 : 2004, "API_INVENTORY", message);
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return errorBody(429, 2001, "ACCESS", "The request limit has been reached for the resource.")
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  @Override
  protected String placeOrder(String sku, int quantity) {
    String orderId =
        String.format(
            "%02d-%05d-%05d",
            ids.get() % 100, ids.incrementAndGet() % 100_000, ids.get() * 7 % 100_000);
    ObjectNode envelope = JSON.createObjectNode();
    envelope
        .putObject("metadata")
        .put("topic", "ORDER")
        .put("schemaVersion", "1.0")
        .put("deprecated", false);
    ObjectNode notification = envelope.putObject("notification");
    notification
        .put("notificationId", UUID.randomUUID().toString())
        .put("eventDate", Instant.now(clock).toString())
        .put("publishDate", Instant.now(clock).toString())
        .put("publishAttemptCount", 1);
    ObjectNode order = notification.putObject("data");
    order.put("orderId", orderId);
    order
        .putObject("pricingSummary")
        .putObject("total")
        .put("value", String.format("%d.00", 20 * quantity))
        .put("currency", "USD");
    order
        .putArray("lineItems")
        .addObject()
        .put("sku", sku)
        .put("quantity", quantity)
        .putObject("lineItemCost")
        .put("value", String.format("%d.00", 20 * quantity))
        .put("currency", "USD");
    maybeDrift(order, "pricingSummary");
    byte[] body = envelope.toString().getBytes(StandardCharsets.UTF_8);
    inventory.record("notification", envelope);
    webhooks.deliver(
        body, Map.of("Content-Type", "application/json", "X-EBAY-SIGNATURE", sign(body)));
    return orderId;
  }

  /** The X-EBAY-SIGNATURE header: base64 of the claims around an ECDSA signature of the body. */
  String sign(byte[] body) {
    try {
      Signature signer = Signature.getInstance("SHA1withECDSA");
      signer.initSign(signingKey.getPrivate());
      signer.update(body);
      String claims =
          JSON.createObjectNode()
              .put("alg", "ECDSA")
              .put("kid", KEY_ID)
              .put("signature", Base64.getEncoder().encodeToString(signer.sign()))
              .put("digest", "SHA1")
              .toString();
      return Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
