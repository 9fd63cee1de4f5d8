package com.storewire.intake.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.events.Address;
import com.storewire.events.Money;
import com.storewire.events.OrderLine;
import com.storewire.events.validation.Identifiers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** Reads each marketplace's documented order payload into a {@link MarketplaceOrder}. */
final class MarketplacePayloads {

  /** Currencies of the Amazon marketplaces Storewire sells on, by marketplace id. */
  private static final Map<String, String> AMAZON_CURRENCIES =
      Map.of(
          "ATVPDKIKX0DER",
          "USD",
          "A2EUQ1WTGCTBG2",
          "CAD",
          "A1F83G8C2ARO7P",
          "GBP",
          "A1PA6795UKMFR9",
          "EUR",
          "A13V1IB3VIYZZH",
          "EUR",
          "APJ6JRA9NG5V4",
          "EUR");

  private MarketplacePayloads() {}

  /** Shopify REST order (orders/create): decimal-string prices, line_items, shipping_address. */
  static MarketplaceOrder shopify(JsonNode order) {
    String currency = required(order, "currency").asText();
    List<OrderLine> lines = lineItems(order, currency);
    JsonNode ship = order.path("shipping_address");
    Address shipTo =
        ship.isObject()
            ? address(
                ship.path("name").asText(null),
                ship.path("address1").asText(null),
                ship.path("address2").asText(null),
                ship.path("city").asText(null),
                ship.path("province").asText(null),
                ship.path("zip").asText(null),
                ship.path("country_code").asText(null))
            : null;
    return new MarketplaceOrder(
        required(order, "id").asText(),
        lines,
        money(minor(required(order, "total_price"), currency), currency),
        order.path("email").asText(null),
        shipTo);
  }

  /** WooCommerce REST v3 order (order.created): numeric or string prices, billing, shipping. */
  static MarketplaceOrder woocommerce(JsonNode order) {
    String currency = required(order, "currency").asText();
    List<OrderLine> lines = lineItems(order, currency);
    JsonNode ship = order.path("shipping");
    Address shipTo =
        ship.isObject() && ship.hasNonNull("address_1")
            ? address(
                (ship.path("first_name").asText("") + " " + ship.path("last_name").asText(""))
                    .trim(),
                ship.path("address_1").asText(null),
                ship.path("address_2").asText(null),
                ship.path("city").asText(null),
                ship.path("state").asText(null),
                ship.path("postcode").asText(null),
                ship.path("country").asText(null))
            : null;
    return new MarketplaceOrder(
        required(order, "id").asText(),
        lines,
        money(minor(required(order, "total"), currency), currency),
        order.path("billing").path("email").asText(null),
        shipTo);
  }

  /** eBay Fulfillment API order inside a Notification API envelope's notification.data. */
  static MarketplaceOrder ebay(JsonNode envelope) {
    JsonNode order = required(required(envelope, "notification"), "data");
    JsonNode total = order.path("pricingSummary").path("total");
    String currency = required(total, "currency").asText();
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode item : array(order, "lineItems")) {
      int quantity = item.path("quantity").asInt(0);
      long lineCost = minor(item.path("lineItemCost").path("value"), currency);
      lines.add(
          line(
              item.path("sku").asText(null),
              quantity,
              quantity > 0 ? lineCost / quantity : 0,
              currency));
    }
    JsonNode shipTo =
        order.path("fulfillmentStartInstructions").path(0).path("shippingStep").path("shipTo");
    JsonNode contact = shipTo.path("contactAddress");
    Address address =
        contact.isObject()
            ? address(
                shipTo.path("fullName").asText(null),
                contact.path("addressLine1").asText(null),
                contact.path("addressLine2").asText(null),
                contact.path("city").asText(null),
                contact.path("stateOrProvince").asText(null),
                contact.path("postalCode").asText(null),
                contact.path("countryCode").asText(null))
            : null;
    return new MarketplaceOrder(
        required(order, "orderId").asText(),
        lines,
        money(minor(total.path("value"), currency), currency),
        order.path("buyer").path("buyerRegistrationAddress").path("email").asText(null),
        address);
  }

  /**
   * SP-API ORDER_CHANGE (through EventBridge: the notification is the event's detail). It carries
   * no prices, so the order's money is zero until the connector fetches the order; only Pending and
   * Unshipped orders hold stock.
   */
  static MarketplaceOrder amazon(JsonNode event) {
    JsonNode change =
        required(required(required(event, "detail"), "Payload"), "OrderChangeNotification");
    JsonNode summary = required(change, "Summary");
    String status = summary.path("OrderStatus").asText();
    if (!status.equals("Pending") && !status.equals("Unshipped")) {
      throw new VendorPayloadException(
          "ORDER_CHANGE with status " + status + " is not a new order");
    }
    String currency = AMAZON_CURRENCIES.get(summary.path("MarketplaceId").asText());
    if (currency == null) {
      throw new VendorPayloadException(
          "unknown Amazon marketplace " + summary.path("MarketplaceId").asText());
    }
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode item : array(summary, "OrderItems")) {
      lines.add(
          line(item.path("SellerSKU").asText(null), item.path("Quantity").asInt(0), 0, currency));
    }
    return new MarketplaceOrder(
        required(change, "AmazonOrderId").asText(), lines, money(0, currency), null, null);
  }

  /**
   * Shopify and WooCommerce share the REST order's {@code line_items: [{sku, quantity, price}]}.
   */
  private static List<OrderLine> lineItems(JsonNode order, String currency) {
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode item : array(order, "line_items")) {
      lines.add(
          line(
              item.path("sku").asText(null),
              item.path("quantity").asInt(0),
              minor(item.path("price"), currency),
              currency));
    }
    return lines;
  }

  private static OrderLine line(String sku, int quantity, long unitPriceMinor, String currency) {
    if (!Identifiers.isSku(sku)) {
      throw new VendorPayloadException("line without a valid SKU: " + sku);
    }
    if (quantity < 1) {
      throw new VendorPayloadException("line " + sku + " has quantity " + quantity);
    }
    return OrderLine.newBuilder()
        .setSku(sku)
        .setQuantity(quantity)
        .setUnitPrice(money(unitPriceMinor, currency))
        .build();
  }

  private static Money money(long minor, String currency) {
    if (!Identifiers.isCurrency(currency)) {
      throw new VendorPayloadException("not a currency: " + currency);
    }
    return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
  }

  /** Decimal amounts ("19.99" or 19.99) to minor units of the currency, exactly. */
  private static long minor(JsonNode amount, String currency) {
    if (amount.isMissingNode() || amount.isNull()) {
      throw new VendorPayloadException("missing amount");
    }
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return new BigDecimal(amount.asText())
          .setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN)
          .unscaledValue()
          .longValueExact();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new VendorPayloadException("not an amount in " + currency + ": " + amount.asText());
    }
  }

  private static Address address(
      String name,
      String line1,
      String line2,
      String city,
      String region,
      String postal,
      String country) {
    if (name == null
        || name.isBlank()
        || line1 == null
        || city == null
        || postal == null
        || !Identifiers.isCountry(country)) {
      return null;
    }
    return Address.newBuilder()
        .setName(name)
        .setLine1(line1)
        .setLine2(blankToNull(line2))
        .setCity(city)
        .setRegion(blankToNull(region))
        .setPostalCode(postal)
        .setCountryCode(country)
        .build();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw new VendorPayloadException("missing " + field);
    }
    return value;
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isArray() || value.isEmpty()) {
      throw new VendorPayloadException(field + " is not a non-empty array");
    }
    return value;
  }
}
