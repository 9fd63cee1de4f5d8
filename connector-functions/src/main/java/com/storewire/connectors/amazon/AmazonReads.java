package com.storewire.connectors.amazon;

import static com.storewire.connectors.amazon.SellingPartnerApi.encode;
import static com.storewire.connectors.amazon.SellingPartnerApi.requireField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.SystemId;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What reconciliation reads from Amazon, each request one call of the core:
 *
 * <ul>
 *   <li>listings: the {@code GET_MERCHANT_LISTINGS_ALL_DATA} report. createReport, getReport polled
 *       a token of its usage plan apart (2/s, or what {@code x-amzn-RateLimit-Limit} reports) until
 *       DONE, getReportDocument, then the pre-signed file, whose tab-separated rows are read by
 *       column name ({@code seller-sku}, {@code quantity}): a handful of calls for any number of
 *       listings, where reading listing by listing would take one call each at 5/s.
 *   <li>orders: getOrders pages ({@code NextToken}) created at or after {@code since}, then each
 *       order's getOrderItems, turned into the ORDER_CHANGE event the EventBridge destination
 *       delivers. Its notification id is derived from the order id, so recovering an order twice
 *       delivers the same notification twice, which order intake drops as a duplicate.
 * </ul>
 *
 * A report that ends FATAL or CANCELLED fails the read (Amazon also cancels a report that has no
 * data, but a cancelled report cannot say which), as does an answer or file without what the next
 * step needs: a read returns everything or throws {@link ConnectorCore.Exhausted}.
 */
public final class AmazonReads implements MarketplaceReads {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPORTS = "/reports/2021-06-30";
  private static final String ORDERS = "/orders/v0/orders";

  /** getReport's documented plan (2/s), for polls whose answer does not report one. */
  private static final Duration GET_REPORT_INTERVAL = Duration.ofMillis(500);

  /** Amazon generates a listings report in minutes; a report still queued after this is stuck. */
  private static final Duration REPORT_DEADLINE = Duration.ofMinutes(30);

  private final SellingPartnerApi api;
  private final Clock clock;
  private final Pacer pacer;

  /** The stock function's settings (AMAZON_LWA_URL, AMAZON_SP_API_URL, credentials, …). */
  public AmazonReads(Map<String, String> env, Clock clock, Pacer pacer) {
    this.api = new SellingPartnerApi(env, clock);
    this.clock = clock;
    this.pacer = pacer;
  }

  @Override
  public SystemId vendor() {
    return SystemId.AMAZON;
  }

  @Override
  public String channel() {
    return "amazon";
  }

  @Override
  public AccessToken.Issued refresh() {
    return api.refresh();
  }

  @Override
  public Map<String, Integer> listings(ConnectorCore calls) {
    ObjectNode request =
        JSON.createObjectNode().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA");
    request.putArray("marketplaceIds").add(api.marketplaceId());
    String reportId =
        calls
            .call(
                token ->
                    requireField(
                        api.sendForJson(
                            api.request(REPORTS + "/reports", token)
                                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))),
                        "reportId"))
            .path("reportId")
            .asText();
    String documentId = awaitReport(calls, reportId);
    String url = calls.call(token -> documentUrl(token, documentId));
    // The document URL is pre-signed storage: it must not see the access token.
    return calls.call(token -> quantities(api.send(HttpRequest.newBuilder(URI.create(url)).GET())));
  }

  private String awaitReport(ConnectorCore calls, String reportId) {
    Instant deadline = clock.instant().plus(REPORT_DEADLINE);
    Optional<String> documentId;
    do {
      documentId = calls.call(token -> poll(token, reportId, deadline));
    } while (documentId.isEmpty());
    return documentId.get();
  }

  /** One getReport: the document once DONE; until then the next poll waits a token of the plan. */
  private Optional<String> poll(String token, String reportId, Instant deadline) {
    VendorHttp.Answer answer =
        api.send(api.request(REPORTS + "/reports/" + encode(reportId), token));
    VendorHttp.requireSuccess(answer);
    JsonNode report = requireField(VendorHttp.json(answer), "processingStatus");
    String status = report.path("processingStatus").asText();
    switch (status) {
      case "DONE":
        return Optional.of(
            requireField(report, "reportDocumentId").path("reportDocumentId").asText());
      case "IN_QUEUE", "IN_PROGRESS":
        if (clock.instant().isAfter(deadline)) {
          throw VendorFailure.retryable(
              ConnectorAlertReason.TIMEOUT,
              answer.status(),
              null,
              "report " + reportId + " still " + status + " after " + REPORT_DEADLINE);
        }
        pacer.pauseFor(SellingPartnerApi.planInterval(answer).orElse(GET_REPORT_INTERVAL));
        return Optional.empty();
      case "FATAL", "CANCELLED":
        throw VendorFailure.permanent(answer.status(), "report " + reportId + " ended " + status);
      default:
        throw VendorFailure.unexpected(answer.status(), "report status " + status);
    }
  }

  private String documentUrl(String token, String documentId) {
    JsonNode document =
        requireField(
            api.sendForJson(api.request(REPORTS + "/documents/" + encode(documentId), token)),
            "url");
    if (document.hasNonNull("compressionAlgorithm")) {
      throw VendorFailure.unexpected(
          null, "report document compressed with " + document.get("compressionAlgorithm"));
    }
    return document.path("url").asText();
  }

  /** The listings file's rows by its header's column names; any row that does not read fails it. */
  private static Map<String, Integer> quantities(VendorHttp.Answer file) {
    VendorHttp.requireSuccess(file);
    List<String> lines = file.body().lines().toList();
    List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split("\t", -1));
    int sku = header.indexOf("seller-sku");
    int quantity = header.indexOf("quantity");
    if (sku < 0 || quantity < 0) {
      throw VendorFailure.unexpected(file.status(), "listings report without seller-sku, quantity");
    }
    Map<String, Integer> listings = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split("\t", -1);
      try {
        if (row.length != header.size()) {
          throw new NumberFormatException(row.length + " columns of " + header.size());
        }
        listings.put(row[sku], Integer.parseInt(row[quantity].trim()));
      } catch (NumberFormatException e) {
        throw VendorFailure.unexpected(file.status(), "listings report row: " + e.getMessage());
      }
    }
    return listings;
  }

  @Override
  public List<PolledOrder> ordersSince(ConnectorCore calls, Instant since) {
    List<PolledOrder> polled = new ArrayList<>();
    for (JsonNode order :
        pages(
            calls,
            ORDERS + "?MarketplaceIds=" + encode(api.marketplaceId()) + "&",
            "CreatedAfter=" + encode(since.truncatedTo(ChronoUnit.MILLIS).toString()),
            "Orders",
            AmazonReads::checkOrder)) {
      Instant createdAt = Instant.parse(order.path("PurchaseDate").asText());
      if (!createdAt.isBefore(since)) {
        String orderId = order.path("AmazonOrderId").asText();
        List<JsonNode> items =
            pages(
                calls,
                ORDERS + "/" + encode(orderId) + "/orderItems?",
                "",
                "OrderItems",
                AmazonReads::checkItem);
        polled.add(new PolledOrder(orderId, createdAt, orderChange(order, items)));
      }
    }
    polled.sort(Comparator.comparing(PolledOrder::createdAt));
    return polled;
  }

  /**
   * Every element of a list paged by {@code NextToken}, a call a page; {@code check} rejects an
   * element without what the order's event needs.
   */
  private List<JsonNode> pages(
      ConnectorCore calls, String path, String firstQuery, String list, Consumer<JsonNode> check) {
    List<JsonNode> elements = new ArrayList<>();
    String nextToken = "";
    do {
      String query = nextToken.isEmpty() ? firstQuery : "NextToken=" + encode(nextToken);
      JsonNode payload =
          calls.call(
              token -> {
                JsonNode page = api.sendForJson(api.request(path + query, token)).path("payload");
                if (!page.path(list).isArray()) {
                  throw VendorFailure.unexpected(null, "no payload." + list + " in the answer");
                }
                page.path(list).forEach(check);
                return page;
              });
      payload.path(list).forEach(elements::add);
      nextToken = payload.path("NextToken").asText("");
    } while (!nextToken.isEmpty());
    return elements;
  }

  private static void checkOrder(JsonNode order) {
    requireField(order, "AmazonOrderId");
    requireField(order, "OrderStatus");
    requireField(order, "MarketplaceId");
    try {
      Instant.parse(requireField(order, "PurchaseDate").path("PurchaseDate").asText());
    } catch (DateTimeParseException e) {
      throw VendorFailure.unexpected(null, "PurchaseDate " + e.getParsedString());
    }
  }

  private static void checkItem(JsonNode item) {
    requireField(item, "SellerSKU");
    if (!item.path("QuantityOrdered").isInt()) {
      throw VendorFailure.unexpected(null, "no QuantityOrdered in the answer");
    }
  }

  /** The ORDER_CHANGE event, as the EventBridge destination delivers it, for a polled order. */
  private static byte[] orderChange(JsonNode order, List<JsonNode> items) {
    String orderId = order.path("AmazonOrderId").asText();
    String notificationId =
        UUID.nameUUIDFromBytes(("amazon-order:" + orderId).getBytes(StandardCharsets.UTF_8))
            .toString();
    String updated = order.path("LastUpdateDate").asText(order.path("PurchaseDate").asText());
    ObjectNode event =
        JSON.createObjectNode()
            .put("version", "0")
            .put("id", notificationId)
            .put("detail-type", "ORDER_CHANGE")
            .put("source", "aws.partner/sellingpartnerapi.amazon")
            .put("time", updated);
    ObjectNode detail =
        event
            .putObject("detail")
            .put("NotificationVersion", "1.0")
            .put("NotificationType", "ORDER_CHANGE")
            .put("PayloadVersion", "1.0")
            .put("EventTime", updated);
    ObjectNode summary =
        detail
            .putObject("Payload")
            .putObject("OrderChangeNotification")
            .put("NotificationLevel", "OrderLevel")
            .put("AmazonOrderId", orderId)
            .put("OrderChangeType", "OrderStatusChange")
            .putObject("Summary")
            .put("MarketplaceId", order.path("MarketplaceId").asText())
            .put("OrderStatus", order.path("OrderStatus").asText())
            .put("FulfillmentType", order.path("FulfillmentChannel").asText(null));
    ArrayNode lines = summary.putArray("OrderItems");
    items.forEach(
        item ->
            lines
                .addObject()
                .put("OrderItemId", item.path("OrderItemId").asText())
                .put("SellerSKU", item.path("SellerSKU").asText())
                .put("Quantity", item.path("QuantityOrdered").asInt()));
    detail
        .putObject("NotificationMetadata")
        .put("PublishTime", updated)
        .put("NotificationId", notificationId);
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }
}
