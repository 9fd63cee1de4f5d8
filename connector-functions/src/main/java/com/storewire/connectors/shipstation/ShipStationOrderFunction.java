package com.storewire.connectors.shipstation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.FulfilmentFunction;
import com.storewire.connectors.core.Pacer;
import com.storewire.events.Address;
import com.storewire.events.Event;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderPlaced;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Currency;
import java.util.Map;

/**
 * OrderPlaced → a ShipStation order. {@code createorder} is an upsert by {@code orderKey}, and the
 * key is our order id, so a redelivery updates the same order and never creates a second.
 * ShipStation's {@code X-Rate-Limit-Remaining}/{@code -Reset} pace the next call.
 */
public final class ShipStationOrderFunction extends FulfilmentFunction {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShipStationAccount account;

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public ShipStationOrderFunction() {
    this(System.getenv(), Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  ShipStationOrderFunction(Map<String, String> env, Clock clock, Pacer pacer) {
    this(env, clock, new ShipStationAccount(env, pacer, clock));
  }

  private ShipStationOrderFunction(
      Map<String, String> env, Clock clock, ShipStationAccount account) {
    super(
        SystemId.SHIPSTATION,
        "createorder",
        "orders--shipstation",
        env,
        clock,
        account.pacer(),
        fixed(account.basicAuth()));
    this.account = account;
  }

  @Override
  protected void send(String basicAuth, OrderPlaced order, Event event) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("orderNumber", order.getOrderId())
            .put("orderKey", order.getOrderId())
            .put("orderDate", event.getTime().toString())
            .put("orderStatus", "awaiting_shipment")
            .put(
                "amountPaid",
                decimal(order.getTotal().getAmountMinor(), order.getTotal().getCurrency()));
    if (order.getCustomerEmail() != null) {
      body.put("customerEmail", order.getCustomerEmail());
    }
    if (order.getShipTo() != null) {
      body.set("shipTo", address(order.getShipTo()));
      body.set("billTo", address(order.getShipTo()));
    }
    ArrayNode items = body.putArray("items");
    for (OrderLine line : order.getLines()) {
      items
          .addObject()
          .put("sku", line.getSku())
          .put("quantity", line.getQuantity())
          .put(
              "unitPrice",
              decimal(line.getUnitPrice().getAmountMinor(), line.getUnitPrice().getCurrency()));
    }
    account.send(
        basicAuth,
        URI.create(account.baseUrl() + "/orders/createorder"),
        HttpRequest.newBuilder()
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private static ObjectNode address(Address address) {
    return JSON.createObjectNode()
        .put("name", address.getName())
        .put("street1", address.getLine1())
        .put("street2", address.getLine2())
        .put("city", address.getCity())
        .put("state", address.getRegion())
        .put("postalCode", address.getPostalCode())
        .put("country", address.getCountryCode());
  }

  private static BigDecimal decimal(long minor, String currency) {
    return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
  }
}
