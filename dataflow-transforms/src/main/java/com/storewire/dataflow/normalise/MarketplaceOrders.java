package com.storewire.dataflow.normalise;

import com.storewire.events.Address;
import com.storewire.events.Money;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderPlaced;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * What every marketplace order parser builds the same way: minor-unit money, lines, the address and
 * the order itself. The order id is the channel and the marketplace's own id, as order intake names
 * marketplace orders, so both land on one order in BigQuery.
 */
final class MarketplaceOrders {

  private MarketplaceOrders() {}

  static String channel(SystemId vendor) {
    return vendor.name().toLowerCase();
  }

  /**
   * The marketplace sold it before Storewire heard of it, so nothing is held for it here: the
   * reservation "expires" when it was received.
   */
  static OrderPlaced order(
      SystemId vendor,
      String channelOrderId,
      List<OrderLine> lines,
      Money total,
      String customerEmail,
      Address shipTo,
      Instant receivedAt) {
    return OrderPlaced.newBuilder()
        .setOrderId(channel(vendor) + "-" + channelOrderId)
        .setChannel(channel(vendor))
        .setChannelOrderId(channelOrderId)
        .setLines(lines)
        .setTotal(total)
        .setCustomerEmail(customerEmail)
        .setShipTo(shipTo)
        .setReservationExpiresAt(receivedAt)
        .build();
  }

  static OrderLine line(String sku, int quantity, Money unitPrice) {
    return OrderLine.newBuilder().setSku(sku).setQuantity(quantity).setUnitPrice(unitPrice).build();
  }

  /** A decimal amount in {@code currency}'s minor unit, exactly, or a refusal naming the field. */
  static Money money(BigDecimal amount, String currency, String field) {
    long minor;
    try {
      int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
      minor = amount.setScale(digits, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new PayloadException(field, "not an amount in " + currency + ": " + amount);
    }
    return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
  }

  /** The REST order's {@code line_items}, as Shopify and WooCommerce both send them. */
  static List<OrderLine> restLineItems(JsonPayload order, String currency) {
    return order.nonEmptyArray("line_items").stream()
        .map(
            item ->
                line(
                    item.text("sku"),
                    item.wholeNumber("quantity"),
                    money(item.decimal("price"), currency, item.pathOf("price"))))
        .toList();
  }

  /** An address only when it has what a carrier needs; otherwise the order ships to none. */
  static Address address(AddressParts parts) {
    if (parts.name() == null
        || parts.name().isBlank()
        || parts.line1() == null
        || parts.city() == null
        || parts.postalCode() == null
        || parts.countryCode() == null) {
      return null;
    }
    return Address.newBuilder()
        .setName(parts.name())
        .setLine1(parts.line1())
        .setLine2(parts.line2())
        .setCity(parts.city())
        .setRegion(parts.region())
        .setPostalCode(parts.postalCode())
        .setCountryCode(parts.countryCode())
        .build();
  }

  /** The parts of an address, each as the vendor spelled it, or null. */
  record AddressParts(
      String name,
      String line1,
      String line2,
      String city,
      String region,
      String postalCode,
      String countryCode) {}
}
