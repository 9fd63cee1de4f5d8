package com.storewire.connectors.shipstation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.OrderEventFunction;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.Address;
import com.storewire.events.Event;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderPlaced;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Currency;
import java.util.Map;

/**
 * OrderPlaced → a ShipStation order. {@code createorder} is an upsert by {@code orderKey}, and the
 * key is our order id, so a redelivery updates the same order and never creates a second.
 * ShipStation's {@code X-Rate-Limit-Remaining}/{@code -Reset} pace the next call.
 */
public final class ShipStationOrderFunction extends OrderEventFunction {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final Pacer pacer;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public ShipStationOrderFunction() {
    this(System.getenv(), Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  ShipStationOrderFunction(Map<String, String> env, Clock clock, Pacer pacer) {
    super(
        SystemId.SHIPSTATION,
        "createorder",
        "orders--shipstation",
        env,
        clock,
        pacer,
        fixed(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (env.get("SHIPSTATION_API_KEY") + ":" + env.get("SHIPSTATION_API_SECRET"))
                            .getBytes(StandardCharsets.UTF_8))));
    this.baseUrl = env.get("SHIPSTATION_BASE_URL");
    this.pacer = pacer;
  }

  @Override
  protected boolean accepts(Event event) {
    return event.getData() instanceof OrderPlaced;
  }

  @Override
  protected void send(String basicAuth, Event event) {
    OrderPlaced order = (OrderPlaced) event.getData();
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
    VendorHttp.Answer answer =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/orders/createorder"))
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    if ("0".equals(answer.header("X-Rate-Limit-Remaining").orElse(""))) {
      pacer.pauseFor(
          Duration.ofSeconds(Long.parseLong(answer.header("X-Rate-Limit-Reset").orElse("60"))));
    }
    VendorHttp.requireSuccess(answer);
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
