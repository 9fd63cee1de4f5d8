package com.storewire.dataflow.normalise;

import com.storewire.dataflow.normalise.MarketplaceOrders.AddressParts;
import com.storewire.events.Address;
import com.storewire.events.OrderLine;
import com.storewire.events.SystemId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * WooCommerce's {@code order.created} webhook: the REST v3 order, the buyer's email under billing
 * and a split first and last name under shipping.
 */
final class WooCommerceOrderParser implements VendorParser {

  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "parent_id",
          "number",
          "order_key",
          "created_via",
          "version",
          "status",
          "currency",
          "date_created",
          "date_created_gmt",
          "date_modified",
          "date_modified_gmt",
          "discount_total",
          "shipping_total",
          "total",
          "total_tax",
          "prices_include_tax",
          "customer_id",
          "customer_note",
          "billing",
          "shipping",
          "payment_method",
          "payment_method_title",
          "transaction_id",
          "meta_data",
          "line_items",
          "shipping_lines",
          "tax_lines",
          "fee_lines",
          "coupon_lines",
          "_links");

  private static final Set<String> KNOWN_LINE_FIELDS =
      Set.of(
          "id",
          "name",
          "product_id",
          "variation_id",
          "quantity",
          "tax_class",
          "subtotal",
          "subtotal_tax",
          "total",
          "total_tax",
          "taxes",
          "meta_data",
          "sku",
          "price");

  @Override
  public SystemId vendor() {
    return SystemId.WOOCOMMERCE;
  }

  @Override
  public String vendorTopic() {
    return "order.created";
  }

  @Override
  public ParsedPayload parse(JsonPayload order, Instant receivedAt) {
    String currency = order.text("currency");
    List<OrderLine> lines = MarketplaceOrders.restLineItems(order, currency);
    Address shipTo =
        order.optionalObject("shipping").map(WooCommerceOrderParser::address).orElse(null);
    List<String> unknown = new ArrayList<>(order.unknownFields(KNOWN));
    order
        .nonEmptyArray("line_items")
        .forEach(l -> unknown.addAll(l.unknownFields(KNOWN_LINE_FIELDS)));
    return ParsedPayload.of(
        List.of(
            MarketplaceOrders.order(
                vendor(),
                order.text("id"),
                lines,
                MarketplaceOrders.money(order.decimal("total"), currency, order.pathOf("total")),
                order.optionalObject("billing").flatMap(b -> b.optionalText("email")).orElse(null),
                shipTo,
                receivedAt)),
        unknown);
  }

  private static Address address(JsonPayload shipping) {
    String name =
        (shipping.optionalText("first_name").orElse("")
                + " "
                + shipping.optionalText("last_name").orElse(""))
            .trim();
    return MarketplaceOrders.address(
        new AddressParts(
            name,
            shipping.optionalText("address_1").orElse(null),
            shipping.optionalText("address_2").orElse(null),
            shipping.optionalText("city").orElse(null),
            shipping.optionalText("state").orElse(null),
            shipping.optionalText("postcode").orElse(null),
            shipping.optionalText("country").orElse(null)));
  }
}
