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
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * eBay Sell APIs as Storewire uses them (developer.ebay.com, sources in VENDORS.md): OAuth user
 * tokens from {@code POST /identity/v1/oauth2/token} (Basic client credentials, refresh_token
 * grant, {@code expires_in} 7200); {@code bulkUpdatePriceQuantity} with at most 25 requests and a
 * per-item result; inventory item reads, one by SKU or paged ({@code getInventoryItems}: {@code
 * limit} 1 to 200, default 25, and {@code offset} a page number); the Fulfillment API's {@code
 * getOrders} ({@code filter=creationdate:[from..to]}, last 90 days by default, {@code limit} 1 to
 * 200, default 50, {@code offset} the orders to skip), which keeps every order sold whether or not
 * its notification arrived; the {@code {"errors":[{"errorId",…}]}} body; and notifications signed
 * with {@code X-EBAY-SIGNATURE} (ECDSA, SHA1) whose public key is served by {@code GET
 * /commerce/notification/v1/public_key/{kid}}.
 *
 * <p>The Notification API takes an application token, not a user's: one minted by the client
 * credentials grant ({@code grant_type=client_credentials}, {@code scope=}{@value #API_SCOPE}, the
 * client's Basic credentials; {@code token_type} "Application Access Token", {@code expires_in}
 * 7200). A wrong client secret is 401 {@code invalid_client} whatever the grant; a user token on
 * the Notification API, or an application token on the Sell APIs, is 403 errorId 1100. {@code
 * getPublicKey} serves every key the sandbox has signed with (an admin action rotates the key, as
 * eBay does, keeping the old ones). Creating a destination ({@code POST
 * /commerce/notification/v1/destination} with its endpoint and verification token, after {@code PUT
 * /config} set the alert email) validates the endpoint as eBay does: a {@code GET} of it with
 * {@code challenge_code}, whose JSON answer must carry {@code challengeResponse}, the hex SHA-256
 * of the code, the verification token and the endpoint, in that order; any other answer refuses the
 * destination (409, errorId 195020). eBay wants an https endpoint on a public host; the sandbox
 * also takes http on the loopback interface, where it runs.
 *
 * <p>eBay publishes daily call quotas, but none for these two APIs; the paged reads here are
 * limited instead by a token bucket each (5/s, burst 25), answered with 429 and errorId 2001. The
 * error ids for a refused {@code limit} or {@code filter} of getOrders are the sandbox's own.
 */
public final class EbayImitation extends SellingImitation {

  public static final String CLIENT_ID = "Storewire-app-PRD";

  /** The scope of an application token for the public APIs, the Notification API among them. */
  public static final String API_SCOPE = "https://api.ebay.com/oauth/api_scope";

  static final int MAX_BULK = 25;
  static final int MAX_PAGE = 200;
  static final String KEY_ID = "ebay-key-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CREATION_RANGE = Pattern.compile("creationdate:\\[(.*)\\.\\.(.*)]");
  private static final Pattern VERIFICATION_TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,80}");
  private static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(5);

  /** A destination eBay pushes notifications to, once its endpoint answered the challenge. */
  private record Destination(
      String id, String name, String status, String endpoint, String verificationToken) {}

  private final Tokens tokens = new Tokens(clock, Duration.ofHours(2), "v^1.1#i^1#");
  private final Tokens applicationTokens =
      new Tokens(clock, Duration.ofHours(2), "v^1.1#i^1#p^1#r^0#I^3#f^0#t^");
  private final String clientSecret;
  private final Map<String, KeyPair> signingKeys = new ConcurrentHashMap<>();
  private volatile String currentKey = KEY_ID;
  private volatile String alertEmail;
  private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
  private final HttpClient challenges =
      HttpClient.newBuilder().connectTimeout(CHALLENGE_TIMEOUT).build();
  private final AtomicLong ids = new AtomicLong(10_000);
  private final RateLimit inventoryReads = RateLimit.tokenBucket(5, 25);
  private final RateLimit orderReads = RateLimit.tokenBucket(5, 25);
  private final List<ObjectNode> orders = new CopyOnWriteArrayList<>();

  public EbayImitation(long seed, Clock clock, String clientSecret, String refreshToken) {
    super("ebay", seed, clock);
    this.clientSecret = clientSecret;
    tokens.allowRefreshToken(refreshToken);
    signingKeys.put(KEY_ID, newKey());
    route("POST", "/identity/v1/oauth2/token", this::token);
    route("POST", "/sell/inventory/v1/bulk_update_price_quantity", this::bulkUpdate);
    route("GET", "/sell/inventory/v1/inventory_item/{sku}", this::inventoryItem);
    route("GET", "/sell/inventory/v1/inventory_item", this::inventoryItems);
    route("GET", "/sell/fulfillment/v1/order", this::getOrders);
    route("GET", "/commerce/notification/v1/public_key/{kid}", this::publicKey);
    route("GET", "/commerce/notification/v1/config", this::getConfig);
    route("PUT", "/commerce/notification/v1/config", this::updateConfig);
    route("POST", "/commerce/notification/v1/destination", this::createDestination);
    route("GET", "/commerce/notification/v1/destination/{id}", this::getDestination);
  }

  @Override
  public void revokeTokens() {
    tokens.revokeAll();
    applicationTokens.revokeAll();
  }

  /**
   * {@code POST /_admin/ebay/rotate-key}: notifications are signed with a new key from now on;
   * every earlier key is still served, as eBay keeps old keys for notifications signed with them.
   */
  @Override
  public Optional<Reply> adminAction(String action, JsonNode body) {
    if (!"rotate-key".equals(action)) {
      return Optional.empty();
    }
    String kid = "ebay-key-" + (signingKeys.size() + 1);
    signingKeys.put(kid, newKey());
    currentKey = kid;
    return Optional.of(Reply.json(200, Map.of("kid", kid)));
  }

  /**
   * The OAuth token endpoint: the client's Basic credentials, then the grant: a user token for a
   * refresh token, or an application token by client credentials for the scopes it may have.
   */
  private Reply token(Call call) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(call.header("Authorization").orElse(""))) {
      return Reply.json(
          401,
          Map.of("error", "invalid_client", "error_description", "client authentication failed"));
    }
    Map<String, String> form = call.form();
    String grant = form.getOrDefault("grant_type", "");
    if ("client_credentials".equals(grant)) {
      String scope = form.getOrDefault("scope", "").trim();
      if (scope.isEmpty() || !List.of(API_SCOPE).containsAll(List.of(scope.split("\\s+")))) {
        return Reply.json(
            400,
            Map.of(
                "error",
                "invalid_scope",
                "error_description",
                "The requested scope is invalid, unknown, malformed, or exceeds the scope granted"
                    + " to the client"));
      }
      return Reply.json(
          200,
          Map.of(
              "access_token",
              applicationTokens.issue(),
              "expires_in",
              applicationTokens.lifetime().toSeconds(),
              "token_type",
              "Application Access Token"));
    }
    if (!"refresh_token".equals(grant)) {
      return Reply.json(
          400,
          Map.of(
              "error",
              "unsupported_grant_type",
              "error_description",
              "grant type in request is not supported by the authorization server"));
    }
    String access = tokens.exchange(form.get("refresh_token"));
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

  /** The Sell APIs act for a seller: they take the seller's user token. */
  private Reply unauthorized(Call call) {
    return unauthorized(call, tokens, applicationTokens);
  }

  /** The Notification API acts for the application: it takes an application token. */
  private Reply notAnApplication(Call call) {
    return unauthorized(call, applicationTokens, tokens);
  }

  private static Reply unauthorized(Call call, Tokens wanted, Tokens otherKind) {
    String token = bearer(call);
    if (token == null) {
      return errorBody(400, 1002, "OAuth", "Missing access token");
    }
    if (wanted.valid(token)) {
      return null;
    }
    return otherKind.valid(token)
        ? errorBody(403, 1100, "ACCESS", "Insufficient permissions to fulfill the request.")
        : errorBody(401, 1001, "OAuth", "Invalid access token");
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
    return Reply.json(200, item(sku, inventory.get(sku)));
  }

  private static ObjectNode item(String sku, int quantity) {
    ObjectNode item = JSON.createObjectNode().put("sku", sku).put("locale", "en_US");
    item.putObject("availability")
        .putObject("shipToLocationAvailability")
        .put("quantity", quantity);
    return item;
  }

  /** Auth first, then the API's limit, as eBay checks them. */
  private Reply gate(Call call, RateLimit limit) {
    Reply refused = unauthorized(call);
    if (refused != null) {
      return refused;
    }
    RateLimit.Outcome outcome = limit.take(1);
    return outcome.allowed() ? null : throttled(outcome.retryAfterSeconds());
  }

  /** getInventoryItems: SKUs in order, {@code limit} a page, {@code offset} the page number. */
  private Reply inventoryItems(Call call) {
    Reply refused = gate(call, inventoryReads);
    if (refused != null) {
      return refused;
    }
    int limit = intParam(call, "limit", 25);
    int page = intParam(call, "offset", 0);
    if (limit < 1 || limit > MAX_PAGE || page < 0) {
      return errorBody(
          400,
          25709,
          "API_INVENTORY",
          "Invalid value for limit or offset. The limit must be between 1 and " + MAX_PAGE + ".");
    }
    List<Map.Entry<String, Integer>> items = new ArrayList<>(inventory.snapshot().entrySet());
    int from = (int) Math.min((long) page * limit, items.size());
    int to = Math.min(from + limit, items.size());
    String path = "/sell/inventory/v1/inventory_item?limit=" + limit + "&offset=";
    ObjectNode answer =
        JSON.createObjectNode()
            .put("href", url(call, path + page))
            .put("total", items.size())
            .put("size", (items.size() + limit - 1) / limit)
            .put("limit", limit);
    if (to < items.size()) {
      answer.put("next", url(call, path + (page + 1)));
    }
    if (page > 0) {
      answer.put("prev", url(call, path + (page - 1)));
    }
    ArrayNode listed = answer.putArray("inventoryItems");
    items.subList(from, to).forEach(e -> listed.add(item(e.getKey(), e.getValue())));
    return Reply.json(200, answer);
  }

  /**
   * getOrders: the orders created in the filter's range (the last 90 days without one), oldest
   * first, {@code limit} a page after skipping {@code offset}.
   */
  private Reply getOrders(Call call) {
    Reply refused = gate(call, orderReads);
    if (refused != null) {
      return refused;
    }
    int limit = intParam(call, "limit", 50);
    int offset = intParam(call, "offset", 0);
    if (limit < 1 || limit > MAX_PAGE || offset < 0) {
      return errorBody(
          400,
          30700,
          "API_FULFILLMENT",
          "Invalid limit or offset. The limit must be between 1 and " + MAX_PAGE + ".");
    }
    Instant from = Instant.now(clock).minus(Duration.ofDays(90));
    Instant to = Instant.MAX;
    String filter = call.param("filter").orElse("");
    if (!filter.isEmpty()) {
      Matcher range = CREATION_RANGE.matcher(filter);
      try {
        if (!range.matches()) {
          throw new DateTimeParseException("not creationdate:[from..to]", filter, 0);
        }
        from = range.group(1).isEmpty() ? from : Instant.parse(range.group(1));
        to = range.group(2).isEmpty() ? to : Instant.parse(range.group(2));
      } catch (DateTimeParseException e) {
        return errorBody(400, 30800, "API_FULFILLMENT", "Invalid filter: " + filter);
      }
    }
    Instant after = from;
    Instant before = to;
    List<ObjectNode> matching =
        orders.stream()
            .filter(
                o -> {
                  Instant created = Instant.parse(o.path("creationDate").asText());
                  return !created.isBefore(after) && !created.isAfter(before);
                })
            .toList();
    String path =
        "/sell/fulfillment/v1/order?"
            + (filter.isEmpty()
                ? ""
                : "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&")
            + "limit="
            + limit
            + "&offset=";
    ObjectNode answer =
        JSON.createObjectNode()
            .put("href", url(call, path + offset))
            .put("total", matching.size())
            .put("limit", limit)
            .put("offset", offset);
    if (offset + limit < matching.size()) {
      answer.put("next", url(call, path + (offset + limit)));
    }
    if (offset > 0) {
      answer.put("prev", url(call, path + Math.max(0, offset - limit)));
    }
    answer
        .putArray("orders")
        .addAll(
            matching.subList(
                Math.min(offset, matching.size()), Math.min(offset + limit, matching.size())));
    return Reply.json(200, answer);
  }

  private static int intParam(Call call, String name, int otherwise) {
    try {
      return Integer.parseInt(call.param(name).orElse(Integer.toString(otherwise)));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** eBay's page links are absolute URLs on its own host. */
  private static String url(Call call, String pathAndQuery) {
    return "http://" + call.header("Host").orElse("127.0.0.1") + "/ebay" + pathAndQuery;
  }

  private Reply publicKey(Call call) {
    Reply refused = notAnApplication(call);
    if (refused != null) {
      return refused;
    }
    KeyPair key = signingKeys.get(call.pathParam("kid"));
    if (key == null) {
      return errorBody(404, 195001, "API_NOTIFICATION", "The specified key id is invalid.");
    }
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    return Reply.json(200, Map.of("key", pem, "algorithm", "ECDSA", "digest", "SHA1"));
  }

  private Reply getConfig(Call call) {
    Reply refused = notAnApplication(call);
    if (refused != null) {
      return refused;
    }
    String email = alertEmail;
    return email == null
        ? errorBody(404, 195026, "API_NOTIFICATION", "Configuration Not Found.")
        : Reply.json(200, Map.of("alertEmail", email));
  }

  /** updateConfig: the alert email eBay writes to when a destination stops answering. */
  private Reply updateConfig(Call call) throws IOException {
    Reply refused = notAnApplication(call);
    if (refused != null) {
      return refused;
    }
    String email = call.json().path("alertEmail").asText("");
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      return errorBody(400, 195025, "API_NOTIFICATION", "Invalid or missing email.");
    }
    alertEmail = email;
    return Reply.empty(204);
  }

  /**
   * createDestination: checks the request as eBay does, then validates the endpoint with a
   * challenge before keeping the destination; 201 with its Location.
   */
  private Reply createDestination(Call call) throws IOException {
    Reply refused = notAnApplication(call);
    if (refused != null) {
      return refused;
    }
    JsonNode request = call.json();
    String name = request.path("name").asText("");
    String status = request.path("status").asText("");
    String endpoint = request.path("deliveryConfig").path("endpoint").asText("");
    String verificationToken = request.path("deliveryConfig").path("verificationToken").asText("");
    if (name.length() > 64 || name.contains("<")) {
      return errorBody(
          400,
          195016,
          "API_NOTIFICATION",
          "Invalid name. Markups or lengths greater than 64 not supported");
    }
    if (!acceptableEndpoint(endpoint)) {
      return errorBody(400, 195017, "API_NOTIFICATION", "Invalid or missing endpoint.");
    }
    if (!List.of("ENABLED", "DISABLED").contains(status)) {
      return errorBody(
          400,
          195018,
          "API_NOTIFICATION",
          "Invalid or missing destination status. Supported values:[ENABLED,DISABLED]");
    }
    if (!VERIFICATION_TOKEN.matcher(verificationToken).matches()) {
      return errorBody(
          400,
          195019,
          "API_NOTIFICATION",
          "Invalid or missing verification token for this endpoint.");
    }
    if (alertEmail == null) {
      return errorBody(
          409,
          195003,
          "API_NOTIFICATION",
          "Please provide configurations required for notifications. Refer to /config");
    }
    if (destinations.values().stream().anyMatch(d -> d.endpoint().equals(endpoint))) {
      return errorBody(409, 195021, "API_NOTIFICATION", "Destination exists for this endpoint");
    }
    if (!answersChallenge(endpoint, verificationToken)) {
      return errorBody(
          409, 195020, "API_NOTIFICATION", "Challenge verification failed for requested endpoint");
    }
    Destination destination =
        new Destination(UUID.randomUUID().toString(), name, status, endpoint, verificationToken);
    destinations.put(destination.id(), destination);
    inventory.record("destination", request);
    return Reply.empty(201)
        .withHeader(
            "Location", url(call, "/commerce/notification/v1/destination/" + destination.id()));
  }

  private Reply getDestination(Call call) {
    Reply refused = notAnApplication(call);
    if (refused != null) {
      return refused;
    }
    Destination destination = destinations.get(call.pathParam("id"));
    if (destination == null) {
      return errorBody(404, 195022, "API_NOTIFICATION", "Invalid or missing destination id.");
    }
    ObjectNode body =
        JSON.createObjectNode()
            .put("destinationId", destination.id())
            .put("name", destination.name())
            .put("status", destination.status());
    body.putObject("deliveryConfig")
        .put("endpoint", destination.endpoint())
        .put("verificationToken", destination.verificationToken());
    return Reply.json(200, body);
  }

  /** An absolute https URL, or http on the loopback interface where the sandbox runs. */
  private static boolean acceptableEndpoint(String endpoint) {
    try {
      URI uri = new URI(endpoint);
      String host = uri.getHost();
      if (host == null || !uri.isAbsolute()) {
        return false;
      }
      return "https".equals(uri.getScheme())
          || "http".equals(uri.getScheme()) && InetAddress.getByName(host).isLoopbackAddress();
    } catch (URISyntaxException | IOException e) {
      return false;
    }
  }

  /**
   * eBay's endpoint validation: {@code GET endpoint?challenge_code=…}, answered with 200, JSON, and
   * {@code challengeResponse} = hex SHA-256 of challenge code + verification token + endpoint.
   */
  private boolean answersChallenge(String endpoint, String verificationToken) {
    String code = UUID.randomUUID().toString();
    String expected = challengeResponse(code, verificationToken, endpoint);
    HttpRequest challenge =
        HttpRequest.newBuilder(
                URI.create(
                    endpoint
                        + (endpoint.contains("?") ? "&" : "?")
                        + "challenge_code="
                        + URLEncoder.encode(code, StandardCharsets.UTF_8)))
            .timeout(CHALLENGE_TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> answer =
          challenges.send(challenge, HttpResponse.BodyHandlers.ofString());
      inventory.record(
          "challenge",
          JSON.createObjectNode()
              .put("endpoint", endpoint)
              .put("challengeCode", code)
              .put("status", answer.statusCode())
              .put("body", answer.body()));
      return answer.statusCode() == 200
          && answer.headers().firstValue("Content-Type").orElse("").contains("application/json")
          && expected.equals(JSON.readTree(answer.body()).path("challengeResponse").asText());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What an endpoint must answer to a challenge: hex SHA-256 of code + token + endpoint. */
  public static String challengeResponse(
      String challengeCode, String verificationToken, String endpoint) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(
                      (challengeCode + verificationToken + endpoint)
                          .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    String placed = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    notification
        .put("notificationId", UUID.randomUUID().toString())
        .put("eventDate", placed)
        .put("publishDate", placed)
        .put("publishAttemptCount", 1);
    ObjectNode order = notification.putObject("data");
    order
        .put("orderId", orderId)
        .put("creationDate", placed)
        .put("lastModifiedDate", placed)
        .put("orderFulfillmentStatus", "NOT_STARTED")
        .put("orderPaymentStatus", "PAID");
    order
        .putObject("pricingSummary")
        .putObject("total")
        .put("value", String.format("%d.00", 20 * quantity))
        .put("currency", "USD");
    order
        .putArray("lineItems")
        .addObject()
        .put("lineItemId", Long.toString(ids.incrementAndGet()))
        .put("sku", sku)
        .put("quantity", quantity)
        .putObject("lineItemCost")
        .put("value", String.format("%d.00", 20 * quantity))
        .put("currency", "USD");
    orders.add(order.deepCopy());
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
      String kid = currentKey;
      Signature signer = Signature.getInstance("SHA1withECDSA");
      signer.initSign(signingKeys.get(kid).getPrivate());
      signer.update(body);
      String claims =
          JSON.createObjectNode()
              .put("alg", "ECDSA")
              .put("kid", kid)
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
