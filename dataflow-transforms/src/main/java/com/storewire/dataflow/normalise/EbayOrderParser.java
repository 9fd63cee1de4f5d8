package com.storewire.dataflow.normalise;

import com.storewire.dataflow.normalise.MarketplaceOrders.AddressParts;
import com.storewire.events.Address;
import com.storewire.events.Money;
import com.storewire.events.OrderLine;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * eBay's order notification: a Notification API envelope whose {@code notification.data} is the
 * Fulfillment API order. Line costs are totals per line, so a unit price is the cost divided by the
 * quantity.
 */
final class EbayOrderParser implements VendorParser {

  private static final Set<String> KNOWN_ENVELOPE = Set.of("metadata", "notification");
  private static final Set<String> KNOWN_ORDER =
      Set.of(
          "orderId",
          "legacyOrderId",
          "creationDate",
          "lastModifiedDate",
          "orderFulfillmentStatus",
          "orderPaymentStatus",
          "sellerId",
          "buyer",
          "pricingSummary",
          "cancelStatus",
          "paymentSummary",
          "fulfillmentStartInstructions",
          "fulfillmentHrefs",
          "lineItems",
          "salesRecordReference",
          "totalFeeBasisAmount",
          "totalMarketplaceFee");

  @Override
  public SystemId vendor() {
    return SystemId.EBAY;
  }

  @Override
  public String vendorTopic() {
    return "notification";
  }

  @Override
  public ParsedPayload parse(JsonPayload envelope, Instant receivedAt) {
    JsonPayload order = envelope.object("notification").object("data");
    List<JsonPayload> items = order.nonEmptyArray("lineItems");
    String currency = items.get(0).object("lineItemCost").text("currency");
    List<OrderLine> lines = new ArrayList<>();
    BigDecimal lineTotal = BigDecimal.ZERO;
    for (JsonPayload item : items) {
      int quantity = item.wholeNumber("quantity");
      if (quantity < 1) {
        throw new PayloadException(item.pathOf("quantity"), "must be at least 1: " + quantity);
      }
      JsonPayload cost = item.object("lineItemCost");
      BigDecimal value = cost.decimal("value");
      lineTotal = lineTotal.add(value);
      lines.add(
          MarketplaceOrders.line(
              item.text("sku"),
              quantity,
              MarketplaceOrders.money(
                  value.divide(BigDecimal.valueOf(quantity), MathContext.DECIMAL64),
                  currency,
                  cost.pathOf("value"))));
    }
    List<String> unknown = new ArrayList<>(envelope.unknownFields(KNOWN_ENVELOPE));
    unknown.addAll(order.unknownFields(KNOWN_ORDER));
    return ParsedPayload.of(
        List.of(
            MarketplaceOrders.order(
                vendor(),
                order.text("orderId"),
                lines,
                total(order, currency, lineTotal),
                order
                    .optionalObject("buyer")
                    .flatMap(b -> b.optionalObject("buyerRegistrationAddress"))
                    .flatMap(a -> a.optionalText("email"))
                    .orElse(null),
                shipTo(order),
                receivedAt)),
        unknown);
  }

  /**
   * The order's total when eBay sends its pricing summary; without one (it is optional in the
   * notification), the lines' costs add up to it.
   */
  private static Money total(JsonPayload order, String currency, BigDecimal lineTotal) {
    return order
        .optionalObject("pricingSummary")
        .flatMap(p -> p.optionalObject("total"))
        .map(
            t -> MarketplaceOrders.money(t.decimal("value"), t.text("currency"), t.pathOf("value")))
        .orElseGet(() -> MarketplaceOrders.money(lineTotal, currency, order.pathOf("lineItems")));
  }

  /** eBay sends the instructions as an array; Storewire ships each order to one address. */
  private static Address shipTo(JsonPayload order) {
    return order
        .firstOf("fulfillmentStartInstructions")
        .flatMap(i -> i.optionalObject("shippingStep"))
        .flatMap(s -> s.optionalObject("shipTo"))
        .flatMap(
            to ->
                to.optionalObject("contactAddress")
                    .map(
                        contact ->
                            MarketplaceOrders.address(
                                new AddressParts(
                                    to.optionalText("fullName").orElse(null),
                                    contact.optionalText("addressLine1").orElse(null),
                                    contact.optionalText("addressLine2").orElse(null),
                                    contact.optionalText("city").orElse(null),
                                    contact.optionalText("stateOrProvince").orElse(null),
                                    contact.optionalText("postalCode").orElse(null),
                                    contact.optionalText("countryCode").orElse(null)))))
        .orElse(null);
  }
}
