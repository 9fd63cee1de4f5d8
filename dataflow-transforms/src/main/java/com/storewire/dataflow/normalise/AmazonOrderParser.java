package com.storewire.dataflow.normalise;

import com.storewire.events.OrderLine;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Amazon SP-API {@code ORDER_CHANGE} delivered through EventBridge: the notification is the event's
 * {@code detail}. It carries no prices, so the order's money is zero in the marketplace's currency;
 * the connector fetches the order for the amounts. Only Pending and Unshipped orders are new sales;
 * other status changes mean no new order.
 */
final class AmazonOrderParser implements VendorParser {

  private static final Set<String> NEW_ORDER_STATUSES = Set.of("Pending", "Unshipped");
  private static final Set<String> KNOWN_SUMMARY =
      Set.of(
          "MarketplaceId",
          "OrderStatus",
          "FulfillmentType",
          "PurchaseDate",
          "DestinationPostalCode",
          "OrderType",
          "NumberOfItemsShipped",
          "NumberOfItemsUnshipped",
          "IsPrime",
          "IsBusinessOrder",
          "IsISPU",
          "OrderItems",
          "EasyShipShipmentStatus",
          "EarliestDeliveryDate",
          "LatestDeliveryDate",
          "EarliestShipDate",
          "LatestShipDate");

  @Override
  public SystemId vendor() {
    return SystemId.AMAZON;
  }

  @Override
  public String vendorTopic() {
    return "ORDER_CHANGE";
  }

  @Override
  public ParsedPayload parse(JsonPayload event, Instant receivedAt) {
    JsonPayload change = event.object("detail").object("Payload").object("OrderChangeNotification");
    JsonPayload summary = change.object("Summary");
    List<String> unknown = summary.unknownFields(KNOWN_SUMMARY);
    String status = summary.text("OrderStatus");
    if (!NEW_ORDER_STATUSES.contains(status)) {
      return ParsedPayload.nothing("an " + status + " order is not a new sale", unknown);
    }
    String currency = currencyOf(summary);
    List<OrderLine> lines = new ArrayList<>();
    for (JsonPayload item : summary.nonEmptyArray("OrderItems")) {
      lines.add(
          MarketplaceOrders.line(
              item.text("SellerSKU"),
              item.wholeNumber("Quantity"),
              MarketplaceOrders.money(BigDecimal.ZERO, currency, item.pathOf("Quantity"))));
    }
    return ParsedPayload.of(
        List.of(
            MarketplaceOrders.order(
                vendor(),
                change.text("AmazonOrderId"),
                lines,
                MarketplaceOrders.money(BigDecimal.ZERO, currency, summary.pathOf("MarketplaceId")),
                null,
                null,
                receivedAt)),
        unknown);
  }

  /** The currency of each Amazon marketplace Storewire sells on. */
  private static String currencyOf(JsonPayload summary) {
    String marketplace = summary.text("MarketplaceId");
    return switch (marketplace) {
      case "ATVPDKIKX0DER" -> "USD";
      case "A2EUQ1WTGCTBG2" -> "CAD";
      case "A1F83G8C2ARO7P" -> "GBP";
      case "A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4" -> "EUR";
      default ->
          throw new PayloadException(
              summary.pathOf("MarketplaceId"),
              "not a marketplace Storewire sells on: " + marketplace);
    };
  }
}
