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
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Amazon SP-API as Storewire uses it (developer-docs.amazon.com; listingsItems_2021-08-01.json;
 * feeds rate limits page): Login with Amazon token exchange ({@code POST /auth/o2/token}, access
 * tokens live one hour); {@code x-amz-access-token}; Listings Items {@code patchListingsItem} /
 * {@code getListingsItem} for fulfillment availability at 5 requests/s, burst 10; the Feeds API
 * with {@code JSON_LISTINGS_FEED} (document 0.5/s burst 15, createFeed 0.0083/s burst 15, getFeed
 * 2/s burst 15, at most 25,000 messages) and its processing report; 429 and the {@code
 * {"errors":[…]}} body; an expired token is 403; {@code x-amzn-RateLimit-Limit} on every answer.
 * Orders reach the merchant as ORDER_CHANGE through an EventBridge API destination, and every order
 * stays readable through the Orders API v0 ({@code getOrders} 0.0167/s burst 20, pages of at most
 * 100 continued by {@code NextToken}; {@code getOrderItems} 0.5/s burst 30), webhook delivered or
 * not. The Reports API 2021-06-30 serves {@code GET_MERCHANT_LISTINGS_ALL_DATA} (createReport
 * 0.0167/s burst 15, getReport 2/s burst 15, getReportDocument 0.0167/s burst 15) as the
 * tab-separated flat file Amazon writes, one row per listing.
 */
public final class AmazonImitation extends SellingImitation {

  public static final String CLIENT_ID = "amzn1.application-oa2-client.storewire";
  static final int MAX_FEED_MESSAGES = 25_000;
  static final int MAX_ORDERS_PER_PAGE = 100;
  static final String LISTINGS_REPORT = "GET_MERCHANT_LISTINGS_ALL_DATA";

  /** Columns of GET_MERCHANT_LISTINGS_ALL_DATA, in the report's order (a subset of them). */
  static final List<String> LISTINGS_COLUMNS =
      List.of(
          "item-name",
          "item-description",
          "listing-id",
          "seller-sku",
          "price",
          "quantity",
          "open-date",
          "item-is-marketplace",
          "product-id-type",
          "item-condition",
          "asin1",
          "product-id",
          "pending-quantity",
          "fulfillment-channel",
          "merchant-shipping-group",
          "status");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tokens tokens = new Tokens(clock, Duration.ofHours(1), "Atza|");
  private final String clientSecret;
  private final String eventBridgeApiKey;
  private final UsagePlan listings = UsagePlan.of(5, 10);
  private final UsagePlan feedDocuments = UsagePlan.of(0.5, 15);
  private final UsagePlan createFeed = UsagePlan.of(0.0083, 15);
  private final UsagePlan getFeed = UsagePlan.of(2, 15);
  private final UsagePlan createReport = UsagePlan.of(0.0167, 15);
  private final UsagePlan getReport = UsagePlan.of(2, 15);
  private final UsagePlan getReportDocument = UsagePlan.of(0.0167, 15);
  private final UsagePlan getOrders = UsagePlan.of(0.0167, 20);
  private final UsagePlan getOrderItems = UsagePlan.of(0.5, 30);
  private final Map<String, Document> documents = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> feeds = new ConcurrentHashMap<>();
  private final Map<String, byte[]> feedInputs = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> reports = new ConcurrentHashMap<>();
  private final AtomicInteger fatalReports = new AtomicInteger();
  private final List<ObjectNode> orders = new CopyOnWriteArrayList<>();
  private final Map<String, ArrayNode> orderItems = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(50_000);

  /** What a pre-signed URL serves: a feed the client uploaded, or a result Amazon wrote. */
  private record Document(String contentType, byte[] content) {}

  /** An operation's usage plan: its token bucket, and the rate every answer reports. */
  private record UsagePlan(double rate, RateLimit bucket) {
    static UsagePlan of(double rate, long burst) {
      return new UsagePlan(rate, RateLimit.tokenBucket(rate, burst));
    }

    Reply reported(Reply reply) {
      return reply.withHeader("x-amzn-RateLimit-Limit", Double.toString(rate));
    }
  }

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
    route("GET", "/feeds/2021-06-30/documents/{id}", this::getFeedDocument);
    route("PUT", "/uploads/{id}", this::upload);
    route("GET", "/uploads/{id}", this::download);
    route("POST", "/feeds/2021-06-30/feeds", this::createFeed);
    route("GET", "/feeds/2021-06-30/feeds/{id}", this::getFeed);
    route("POST", "/reports/2021-06-30/reports", this::createReport);
    route("GET", "/reports/2021-06-30/reports/{id}", this::getReport);
    route("GET", "/reports/2021-06-30/documents/{id}", this::getReportDocument);
    route("GET", "/orders/v0/orders", this::getOrders);
    route("GET", "/orders/v0/orders/{orderId}/orderItems", this::getOrderItems);
  }

  /**
   * {@code POST /_admin/amazon/fatal-reports {"count":N}}: the next N reports end FATAL, as a
   * report Amazon could not generate does.
   */
  @Override
  public Optional<Reply> adminAction(String action, JsonNode body) {
    if (!"fatal-reports".equals(action)) {
      return Optional.empty();
    }
    fatalReports.addAndGet(body.path("count").asInt(1));
    return Optional.of(Reply.empty(204));
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
  private Reply gate(Call call, UsagePlan plan) {
    if (!tokens.valid(call.header("x-amz-access-token").orElse(null))) {
      return error(403, "Unauthorized", "Access to requested resource is denied.")
          .withHeader("x-amzn-ErrorType", "AccessDeniedException");
    }
    if (!plan.bucket().take(1).allowed()) {
      return plan.reported(throttled(1));
    }
    return null;
  }

  private Reply patchListing(Call call) throws IOException {
    Reply refused = gate(call, listings);
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
    return listings
        .reported(Reply.json(200, answer))
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
    Reply refused = gate(call, listings);
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
    return listings.reported(Reply.json(200, answer));
  }

  private Reply createDocument(Call call) {
    Reply refused = gate(call, feedDocuments);
    if (refused != null) {
      return refused;
    }
    String id = "amzn1.tortuga.4." + ids.incrementAndGet();
    return Reply.json(201, Map.of("feedDocumentId", id, "url", uploadUrl(call, id)));
  }

  private Reply getFeedDocument(Call call) {
    return document(call, getFeed, "feedDocumentId");
  }

  private Reply getReportDocument(Call call) {
    return document(call, getReportDocument, "reportDocumentId");
  }

  /** A feed's or a report's document: where its pre-signed URL is. */
  private Reply document(Call call, UsagePlan plan, String idField) {
    Reply refused = gate(call, plan);
    if (refused != null) {
      return refused;
    }
    String id = call.pathParam("id");
    return documents.containsKey(id)
        ? plan.reported(Reply.json(200, Map.of(idField, id, "url", uploadUrl(call, id))))
        : error(404, "NotFound", "Document " + id + " not found");
  }

  private String uploadUrl(Call call, String id) {
    return "http://" + call.header("Host").orElse("127.0.0.1") + "/amazon/uploads/" + id;
  }

  private Reply upload(Call call) {
    documents.put(
        call.pathParam("id"),
        new Document(call.header("Content-Type").orElse("application/octet-stream"), call.body()));
    return Reply.empty(200);
  }

  private Reply download(Call call) {
    Document document = documents.get(call.pathParam("id"));
    return document == null
        ? error(404, "NoSuchKey", "The specified key does not exist.")
        : new Reply(200, Map.of("Content-Type", document.contentType()), document.content());
  }

  private Reply createFeed(Call call) throws IOException {
    Reply refused = gate(call, createFeed);
    if (refused != null) {
      return refused;
    }
    JsonNode request = call.json();
    if (!"JSON_LISTINGS_FEED".equals(request.path("feedType").asText())) {
      return error(
          400, "InvalidInput", "Unsupported feedType " + request.path("feedType").asText());
    }
    Document input = documents.get(request.path("inputFeedDocumentId").asText());
    if (input == null) {
      return error(400, "InvalidInput", "inputFeedDocumentId not found");
    }
    String feedId = Long.toString(ids.incrementAndGet());
    feedInputs.put(feedId, input.content());
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
    Reply refused = gate(call, getFeed);
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
            new Document(
                "application/json",
                JSON.writeValueAsBytes(process(feedId, JSON.readTree(feedInputs.remove(feedId))))));
        feed.put("processingStatus", "DONE")
            .put("resultFeedDocumentId", reportId)
            .put("processingEndTime", Instant.now(clock).toString());
      }
      default -> {}
    }
    return feed;
  }

  private Reply createReport(Call call) throws IOException {
    Reply refused = gate(call, createReport);
    if (refused != null) {
      return refused;
    }
    JsonNode request = call.json();
    if (!LISTINGS_REPORT.equals(request.path("reportType").asText())) {
      return error(
          400, "InvalidInput", "Unsupported reportType " + request.path("reportType").asText());
    }
    if (request.path("marketplaceIds").isEmpty()) {
      return error(400, "InvalidInput", "marketplaceIds is required");
    }
    String reportId = Long.toString(ids.incrementAndGet());
    ObjectNode report =
        JSON.createObjectNode()
            .put("reportId", reportId)
            .put("reportType", LISTINGS_REPORT)
            .put("processingStatus", "IN_QUEUE")
            .put("createdTime", Instant.now(clock).toString());
    report.set("marketplaceIds", request.get("marketplaceIds"));
    reports.put(reportId, report);
    return createReport.reported(Reply.json(202, Map.of("reportId", reportId)));
  }

  private Reply getReport(Call call) {
    Reply refused = gate(call, getReport);
    if (refused != null) {
      return refused;
    }
    ObjectNode report = reports.get(call.pathParam("id"));
    if (report == null) {
      return error(404, "NotFound", "Report " + call.pathParam("id") + " not found");
    }
    synchronized (report) {
      return getReport.reported(Reply.json(200, generate(report).deepCopy()));
    }
  }

  /**
   * Amazon generates a report asynchronously: here each poll moves it one step, IN_QUEUE →
   * IN_PROGRESS → DONE (FATAL when scripted), and the listings are read on the last step.
   */
  private ObjectNode generate(ObjectNode report) {
    String now = Instant.now(clock).toString();
    switch (report.path("processingStatus").asText()) {
      case "IN_QUEUE" ->
          report.put("processingStatus", "IN_PROGRESS").put("processingStartTime", now);
      case "IN_PROGRESS" -> {
        report.put("processingEndTime", now);
        if (fatalReports.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          report.put("processingStatus", "FATAL");
        } else {
          String documentId = "amzn1.spdoc.1.4.na." + report.path("reportId").asText();
          documents.put(
              documentId, new Document("text/tab-separated-values; charset=UTF-8", listingsFile()));
          report.put("processingStatus", "DONE").put("reportDocumentId", documentId);
        }
      }
      default -> {}
    }
    return report;
  }

  /**
   * GET_MERCHANT_LISTINGS_ALL_DATA as Amazon writes it: tab-separated, a header row of the report's
   * column names, one row per listing (those with no stock included, as Inactive).
   */
  private byte[] listingsFile() {
    StringBuilder file = new StringBuilder(String.join("\t", LISTINGS_COLUMNS)).append('\n');
    inventory
        .snapshot()
        .forEach(
            (sku, quantity) ->
                file.append(
                        String.join(
                            "\t",
                            "Storewire " + sku,
                            "",
                            "0" + Integer.toUnsignedString(sku.hashCode()),
                            sku,
                            "20.00",
                            Integer.toString(quantity),
                            "2026-01-05 09:00:00 PST",
                            "y",
                            "1",
                            "11",
                            asin(sku),
                            asin(sku),
                            "0",
                            "DEFAULT",
                            "Migrated Template",
                            quantity > 0 ? "Active" : "Inactive"))
                    .append('\n'));
    return file.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String asin(String sku) {
    return String.format("B0%08X", sku.hashCode());
  }

  /**
   * getOrders: orders created at or after {@code CreatedAfter} in the given marketplaces, oldest
   * first, {@code MaxResultsPerPage} (at most 100) a page; {@code NextToken} continues and
   * overrides the other criteria.
   */
  private Reply getOrders(Call call) {
    Reply refused = gate(call, getOrders);
    if (refused != null) {
      return refused;
    }
    List<String> marketplaces = List.of(call.param("MarketplaceIds").orElse("").split(","));
    if (marketplaces.get(0).isEmpty()) {
      return error(400, "InvalidInput", "MarketplaceIds is required");
    }
    Instant createdAfter;
    int offset;
    int pageSize;
    try {
      String[] cursor =
          call.param("NextToken")
              .map(t -> new String(Base64.getDecoder().decode(t), StandardCharsets.UTF_8))
              .orElseGet(
                  () ->
                      call.param("CreatedAfter").orElseThrow()
                          + " 0 "
                          + call.param("MaxResultsPerPage").orElse("100"))
              .split(" ");
      createdAfter = Instant.parse(cursor[0]);
      offset = Integer.parseInt(cursor[1]);
      pageSize = Integer.parseInt(cursor[2]);
    } catch (RuntimeException e) {
      return error(
          400,
          "InvalidInput",
          "CreatedAfter (ISO 8601) or a valid NextToken is required: " + e.getMessage());
    }
    if (pageSize < 1 || pageSize > MAX_ORDERS_PER_PAGE) {
      return error(
          400, "InvalidInput", "MaxResultsPerPage must be between 1 and " + MAX_ORDERS_PER_PAGE);
    }
    List<ObjectNode> matching =
        orders.stream()
            .filter(o -> marketplaces.contains(o.path("MarketplaceId").asText()))
            .filter(o -> !Instant.parse(o.path("PurchaseDate").asText()).isBefore(createdAfter))
            .toList();
    ObjectNode payload = JSON.createObjectNode();
    payload
        .putArray("Orders")
        .addAll(
            matching.subList(
                Math.min(offset, matching.size()), Math.min(offset + pageSize, matching.size())));
    if (offset + pageSize < matching.size()) {
      String next = createdAfter + " " + (offset + pageSize) + " " + pageSize;
      payload.put(
          "NextToken", Base64.getEncoder().encodeToString(next.getBytes(StandardCharsets.UTF_8)));
    }
    return getOrders.reported(Reply.json(200, Map.of("payload", payload)));
  }

  private Reply getOrderItems(Call call) {
    Reply refused = gate(call, getOrderItems);
    if (refused != null) {
      return refused;
    }
    String orderId = call.pathParam("orderId");
    ArrayNode items = orderItems.get(orderId);
    if (items == null) {
      return error(404, "NotFound", "Invalid AmazonOrderId: " + orderId);
    }
    ObjectNode payload = JSON.createObjectNode().put("AmazonOrderId", orderId);
    payload.set("OrderItems", items);
    return getOrderItems.reported(Reply.json(200, Map.of("payload", payload)));
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
    String orderItemId = Long.toString(ids.incrementAndGet());
    String placed = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    keepForOrdersApi(orderId, orderItemId, placed, sku, quantity);
    ObjectNode event = JSON.createObjectNode();
    event
        .put("version", "0")
        .put("id", UUID.randomUUID().toString())
        .put("detail-type", "ORDER_CHANGE")
        .put("source", "aws.partner/sellingpartnerapi.amazon")
        .put("time", placed);
    ObjectNode detail = event.putObject("detail");
    detail
        .put("NotificationVersion", "1.0")
        .put("NotificationType", "ORDER_CHANGE")
        .put("PayloadVersion", "1.0")
        .put("EventTime", placed);
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
        .put("OrderItemId", orderItemId)
        .put("SellerSKU", sku)
        .put("Quantity", quantity);
    detail
        .putObject("NotificationMetadata")
        .put("ApplicationId", CLIENT_ID)
        .put("SubscriptionId", "sub-1")
        .put("PublishTime", placed)
        .put("NotificationId", UUID.randomUUID().toString());
    maybeDrift(summary, "FulfillmentType");
    inventory.record("ORDER_CHANGE", event);
    webhooks.deliver(
        event.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json", "x-storewire-api-key", eventBridgeApiKey));
    return orderId;
  }

  /** The order as the Orders API returns it, whether or not its notification arrives. */
  private void keepForOrdersApi(
      String orderId, String orderItemId, String placed, String sku, int quantity) {
    orderItems.put(
        orderId,
        JSON.createArrayNode()
            .add(
                JSON.createObjectNode()
                    .put("ASIN", asin(sku))
                    .put("SellerSKU", sku)
                    .put("OrderItemId", orderItemId)
                    .put("Title", "Storewire " + sku)
                    .put("QuantityOrdered", quantity)
                    .put("QuantityShipped", 0)));
    orders.add(
        JSON.createObjectNode()
            .put("AmazonOrderId", orderId)
            .put("PurchaseDate", placed)
            .put("LastUpdateDate", placed)
            .put("OrderStatus", "Unshipped")
            .put("FulfillmentChannel", "MFN")
            .put("SalesChannel", "Amazon.com")
            .put("OrderType", "StandardOrder")
            .put("MarketplaceId", "ATVPDKIKX0DER")
            .put("NumberOfItemsShipped", 0)
            .put("NumberOfItemsUnshipped", quantity));
  }
}
