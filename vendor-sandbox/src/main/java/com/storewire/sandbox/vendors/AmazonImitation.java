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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Amazon SP-API as Storewire uses it (developer-docs.amazon.com; listingsItems_2021-08-01.json;
 * feeds rate limits page): Login with Amazon token exchange ({@code POST /auth/o2/token}, access
 * tokens live one hour); {@code x-amz-access-token}; Listings Items {@code patchListingsItem} /
 * {@code getListingsItem} for fulfillment availability at 5 requests/s, burst 10; the Feeds API
 * with {@code JSON_LISTINGS_FEED} (document 0.5/s burst 15, createFeed 0.0083/s burst 15, getFeed
 * 2/s burst 15, at most 25,000 messages) and its processing report; 429 and the {@code
 * {"errors":[…]}} body; an expired token is 403; {@code x-amzn-RateLimit-Limit} on every answer.
 * Orders reach the merchant as ORDER_CHANGE through an EventBridge API destination.
 */
public final class AmazonImitation extends SellingImitation {

  public static final String CLIENT_ID = "amzn1.application-oa2-client.storewire";
  static final int MAX_FEED_MESSAGES = 25_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tokens tokens = new Tokens(clock, Duration.ofHours(1), "Atza|");
  private final String clientSecret;
  private final String eventBridgeApiKey;
  private final RateLimit listings = RateLimit.tokenBucket(5, 10);
  private final RateLimit feedDocuments = RateLimit.tokenBucket(0.5, 15);
  private final RateLimit createFeed = RateLimit.tokenBucket(0.0083, 15);
  private final RateLimit getFeed = RateLimit.tokenBucket(2, 15);
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> feeds = new ConcurrentHashMap<>();
  private final Map<String, byte[]> feedInputs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(50_000);

  public AmazonImitation(
      long seed, Clock clock, String clientSecret, String refreshToken, String eventBridgeApiKey) {
    super("amazon", seed, clock);
    this.clientSecret = clientSecret;
    this.eventBridgeApiKey = eventBridgeApiKey;
    tokens.allowRefreshToken(refreshToken);
    route("POST", "/auth/o2/token", this::token);
    route("PATCH", "/listings/2021-08-01/items/{sellerId}/{sku}", this::patchListing);
    route("GET", "/listings/2021-08-01/items/{sellerId}/{sku}", this::getListing);
    route("POST", "/feeds/2021-06-30/documents", this::createDocument);
    route("GET", "/feeds/2021-06-30/documents/{id}", this::getDocument);
    route("PUT", "/uploads/{id}", this::upload);
    route("GET", "/uploads/{id}", this::download);
    route("POST", "/feeds/2021-06-30/feeds", this::createFeed);
    route("GET", "/feeds/2021-06-30/feeds/{id}", this::getFeed);
  }

  @Override
  public void revokeTokens() {
    tokens.revokeAll();
  }

  private Reply token(Call call) {
    Map<String, String> form = call.form();
    boolean client =
        CLIENT_ID.equals(form.get("client_id")) && clientSecret.equals(form.get("client_secret"));
    String access =
        client && "refresh_token".equals(form.get("grant_type"))
            ? tokens.exchange(form.get("refresh_token"))
            : null;
    if (access == null) {
      return Reply.json(
          400,
          Map.of(
              "error",
              "invalid_grant",
              "error_description",
              "The request has an invalid grant parameter : refresh_token"));
    }
    return Reply.json(
        200,
        Map.of(
            "access_token",
            access,
            "token_type",
            "bearer",
            "expires_in",
            3600,
            "refresh_token",
            form.get("refresh_token")));
  }

  /** Auth and the operation's usage plan, checked as SP-API does: token first, then quota. */
  private Reply gate(Call call, RateLimit plan, double rate) {
    if (!tokens.valid(call.header("x-amz-access-token").orElse(null))) {
      return error(403, "Unauthorized", "Access to requested resource is denied.")
          .withHeader("x-amzn-ErrorType", "AccessDeniedException");
    }
    if (!plan.take(1).allowed()) {
      return throttled(1).withHeader("x-amzn-RateLimit-Limit", Double.toString(rate));
    }
    return null;
  }

  private Reply patchListing(Call call) throws IOException {
    Reply refused = gate(call, listings, 5.0);
    if (refused != null) {
      return refused;
    }
    String sku = call.pathParam("sku");
    Integer quantity = quantityOf(call.json().path("patches"));
    ObjectNode answer =
        JSON.createObjectNode().put("sku", sku).put("submissionId", UUID.randomUUID().toString());
    if (quantity == null || !inventory.has(sku)) {
      answer.put("status", "INVALID");
      answer
          .putArray("issues")
          .addObject()
          .put("code", "4000001")
          .put("severity", "ERROR")
          .put(
              "message",
              quantity == null
                  ? "fulfillment_availability quantity is required"
                  : "SKU not found for this seller");
    } else {
      inventory.write(sku, quantity);
      inventory.record("patchListingsItem", call.json());
      answer.put("status", "ACCEPTED");
      answer.putArray("issues");
    }
    return Reply.json(200, answer)
        .withHeader("x-amzn-RateLimit-Limit", "5.0")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
  }

  private static Integer quantityOf(JsonNode patches) {
    for (JsonNode patch : patches) {
      if ("/attributes/fulfillment_availability".equals(patch.path("path").asText())) {
        JsonNode value = patch.path("value").path(0).path("quantity");
        return value.isInt() ? value.asInt() : null;
      }
    }
    return null;
  }

  private Reply getListing(Call call) {
    Reply refused = gate(call, listings, 5.0);
    if (refused != null) {
      return refused;
    }
    String sku = call.pathParam("sku");
    if (!inventory.has(sku)) {
      return error(404, "NOT_FOUND", "SKU '" + sku + "' not found in marketplace");
    }
    ObjectNode answer = JSON.createObjectNode().put("sku", sku);
    answer
        .putArray("fulfillmentAvailability")
        .addObject()
        .put("fulfillmentChannelCode", "DEFAULT")
        .put("quantity", inventory.get(sku));
    return Reply.json(200, answer).withHeader("x-amzn-RateLimit-Limit", "5.0");
  }

  private Reply createDocument(Call call) {
    Reply refused = gate(call, feedDocuments, 0.5);
    if (refused != null) {
      return refused;
    }
    String id = "amzn1.tortuga.4." + ids.incrementAndGet();
    return Reply.json(201, Map.of("feedDocumentId", id, "url", uploadUrl(call, id)));
  }

  private Reply getDocument(Call call) {
    Reply refused = gate(call, getFeed, 2.0);
    if (refused != null) {
      return refused;
    }
    String id = call.pathParam("id");
    return documents.containsKey(id)
        ? Reply.json(200, Map.of("feedDocumentId", id, "url", uploadUrl(call, id)))
        : error(404, "NotFound", "Feed document " + id + " not found");
  }

  private String uploadUrl(Call call, String id) {
    return "http://" + call.header("Host").orElse("127.0.0.1") + "/amazon/uploads/" + id;
  }

  private Reply upload(Call call) {
    documents.put(call.pathParam("id"), call.body());
    return Reply.empty(200);
  }

  private Reply download(Call call) {
    byte[] document = documents.get(call.pathParam("id"));
    return document == null
        ? error(404, "NoSuchKey", "The specified key does not exist.")
        : new Reply(200, Map.of("Content-Type", "application/json"), document);
  }

  private Reply createFeed(Call call) throws IOException {
    Reply refused = gate(call, createFeed, 0.0083);
    if (refused != null) {
      return refused;
    }
    JsonNode request = call.json();
    if (!"JSON_LISTINGS_FEED".equals(request.path("feedType").asText())) {
      return error(
          400, "InvalidInput", "Unsupported feedType " + request.path("feedType").asText());
    }
    byte[] input = documents.get(request.path("inputFeedDocumentId").asText());
    if (input == null) {
      return error(400, "InvalidInput", "inputFeedDocumentId not found");
    }
    String feedId = Long.toString(ids.incrementAndGet());
    feedInputs.put(feedId, input);
    feeds.put(
        feedId,
        JSON.createObjectNode()
            .put("feedId", feedId)
            .put("feedType", "JSON_LISTINGS_FEED")
            .put("processingStatus", "IN_QUEUE")
            .put("createdTime", Instant.now(clock).toString()));
    return Reply.json(202, Map.of("feedId", feedId));
  }

  /** Applies the feed's messages and writes the processing report, item by item. */
  private ObjectNode process(String feedId, JsonNode feed) {
    ObjectNode report = JSON.createObjectNode();
    report
        .putObject("header")
        .put("sellerId", feed.path("header").path("sellerId").asText())
        .put("version", "2.0")
        .put("feedId", feedId);
    ArrayNode issues = report.putArray("issues");
    JsonNode messages = feed.path("messages");
    int accepted = 0;
    int invalid = 0;
    if (messages.size() > MAX_FEED_MESSAGES) {
      issues
          .addObject()
          .put("code", "90000")
          .put("severity", "ERROR")
          .put("message", "Feed has more than " + MAX_FEED_MESSAGES + " messages");
      invalid = messages.size();
    } else {
      for (JsonNode message : messages) {
        String sku = message.path("sku").asText();
        Integer quantity = quantityOf(message.path("patches"));
        if (quantity == null
            || !inventory.has(sku)
            || faults.draw(Faults.Kind.PARTIAL_BULK).isPresent()) {
          issues
              .addObject()
              .put("messageId", message.path("messageId").asInt())
              .put("code", "4000001")
              .put("severity", "ERROR")
              .put(
                  "message",
                  quantity == null
                      ? "fulfillment_availability quantity is required"
                      : "The SKU could not be updated")
              .putArray("attributeNames")
              .add("fulfillment_availability");
          invalid++;
        } else {
          inventory.write(sku, quantity);
          inventory.record("JSON_LISTINGS_FEED", message);
          accepted++;
        }
      }
    }
    report
        .putObject("summary")
        .put("errors", invalid)
        .put("warnings", 0)
        .put("messagesProcessed", messages.size())
        .put("messagesAccepted", accepted)
        .put("messagesInvalid", invalid);
    return report;
  }

  private Reply getFeed(Call call) throws IOException {
    Reply refused = gate(call, getFeed, 2.0);
    if (refused != null) {
      return refused;
    }
    String feedId = call.pathParam("id");
    ObjectNode feed = feeds.get(feedId);
    if (feed == null) {
      return error(404, "NotFound", "Feed " + feedId + " not found");
    }
    synchronized (feed) {
      return Reply.json(200, advance(feedId, feed).deepCopy());
    }
  }

  /**
   * Amazon processes a feed asynchronously: here each poll moves it one step, IN_QUEUE →
   * IN_PROGRESS → DONE, and the items apply (and the report is written) on the last step.
   */
  private ObjectNode advance(String feedId, ObjectNode feed) throws IOException {
    switch (feed.path("processingStatus").asText()) {
      case "IN_QUEUE" -> feed.put("processingStatus", "IN_PROGRESS");
      case "IN_PROGRESS" -> {
        String reportId = "amzn1.tortuga.4.report." + feedId;
        documents.put(
            reportId,
            JSON.writeValueAsBytes(process(feedId, JSON.readTree(feedInputs.remove(feedId)))));
        feed.put("processingStatus", "DONE")
            .put("resultFeedDocumentId", reportId)
            .put("processingEndTime", Instant.now(clock).toString());
      }
      default -> {}
    }
    return feed;
  }

  @Override
  protected Reply error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors")
        .addObject()
        .put("code", code)
        .put("message", message)
        .put(
            "details",
            status == 403 ? "The access token you provided is revoked, malformed or invalid." : "");
    return Reply.json(status, body).withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return error(429, "QuotaExceeded", "You exceeded your quota for the requested resource.");
  }

  @Override
  protected String placeOrder(String sku, int quantity) {
    String orderId = String.format("113-%07d-%07d", ids.incrementAndGet(), ids.get() % 10_000_000);
    ObjectNode event = JSON.createObjectNode();
    event
        .put("version", "0")
        .put("id", UUID.randomUUID().toString())
        .put("detail-type", "ORDER_CHANGE")
        .put("source", "aws.partner/sellingpartnerapi.amazon")
        .put("time", Instant.now(clock).toString());
    ObjectNode detail = event.putObject("detail");
    detail
        .put("NotificationVersion", "1.0")
        .put("NotificationType", "ORDER_CHANGE")
        .put("PayloadVersion", "1.0")
        .put("EventTime", Instant.now(clock).toString());
    ObjectNode change = detail.putObject("Payload").putObject("OrderChangeNotification");
    change
        .put("NotificationLevel", "OrderLevel")
        .put("AmazonOrderId", orderId)
        .put("OrderChangeType", "OrderStatusChange");
    ObjectNode summary = change.putObject("Summary");
    summary
        .put("MarketplaceId", "ATVPDKIKX0DER")
        .put("OrderStatus", "Unshipped")
        .put("FulfillmentType", "MFN");
    summary
        .putArray("OrderItems")
        .addObject()
        .put("OrderItemId", Long.toString(ids.incrementAndGet()))
        .put("SellerSKU", sku)
        .put("Quantity", quantity);
    detail
        .putObject("NotificationMetadata")
        .put("ApplicationId", CLIENT_ID)
        .put("SubscriptionId", "sub-1")
        .put("PublishTime", Instant.now(clock).toString())
        .put("NotificationId", UUID.randomUUID().toString());
    maybeDrift(summary, "FulfillmentType");
    inventory.record("ORDER_CHANGE", event);
    webhooks.deliver(
        event.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json", "x-storewire-api-key", eventBridgeApiKey));
    return orderId;
  }
}
