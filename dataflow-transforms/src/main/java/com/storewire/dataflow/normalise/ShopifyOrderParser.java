package com.storewire.dataflow.normalise;

import com.storewire.dataflow.normalise.MarketplaceOrders.AddressParts;
import com.storewire.events.Address;
import com.storewire.events.OrderLine;
import com.storewire.events.SystemId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Shopify's {@code orders/create} webhook: the REST order, prices as decimal strings. */
final class ShopifyOrderParser implements VendorParser {

  /** The documented REST order fields Storewire reads or knowingly ignores. */
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "admin_graphql_api_id",
          "name",
          "order_number",
          "email",
          "contact_email",
          "currency",
          "presentment_currency",
          "total_price",
          "subtotal_price",
          "total_tax",
          "total_discounts",
          "created_at",
          "updated_at",
          "processed_at",
          "financial_status",
          "fulfillment_status",
          "test",
          "tags",
          "note",
          "customer",
          "billing_address",
          "shipping_address",
          "shipping_lines",
          "line_items");

  private static final Set<String> KNOWN_LINE_FIELDS =
      Set.of(
          "id", "sku", "quantity", "price", "title", "name", "variant_id", "product_id", "vendor");

  @Override
  public SystemId vendor() {
    return SystemId.SHOPIFY;
  }

  @Override
  public String vendorTopic() {
    return "orders/create";
  }

  @Override
  public ParsedPayload parse(JsonPayload order, Instant receivedAt) {
    String currency = order.text("currency");
    List<OrderLine> lines = MarketplaceOrders.restLineItems(order, currency);
    Address shipTo =
        order
            .optionalObject("shipping_address")
            .map(
                a ->
                    MarketplaceOrders.address(
                        new AddressParts(
                            a.optionalText("name").orElse(null),
                            a.optionalText("address1").orElse(null),
                            a.optionalText("address2").orElse(null),
                            a.optionalText("city").orElse(null),
                            a.optionalText("province").orElse(null),
                            a.optionalText("zip").orElse(null),
                            a.optionalText("country_code").orElse(null))))
            .orElse(null);
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
                MarketplaceOrders.money(
                    order.decimal("total_price"), currency, order.pathOf("total_price")),
                order.optionalText("email").orElse(null),
                shipTo,
                receivedAt)),
        unknown);
  }
}
