package com.storewire.connectors.logiwa;

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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * OrderPlaced → a Logiwa shipment (sales) order. Logiwa documents no idempotency, so the order is
 * looked up by its code (our order id) first and a redelivery of an order already in the WMS does
 * nothing. A refusal ({@code "Success":false}, e.g. an item the WMS does not stock) is permanent:
 * the order is compensated — cancelled and its stock released by order intake — and alerted.
 */
public final class LogiwaOrderFunction extends FulfilmentFunction {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LogiwaApi api;

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public LogiwaOrderFunction() {
    this(System.getenv(), Clock.systemUTC());
  }

  LogiwaOrderFunction(Map<String, String> env, Clock clock) {
    this(
        env,
        clock,
        new LogiwaApi(
            env.get("LOGIWA_BASE_URL"),
            env.get("LOGIWA_USERNAME"),
            env.get("LOGIWA_PASSWORD"),
            Duration.ofMillis(Long.parseLong(env.getOrDefault("LOGIWA_MIN_INTERVAL_MS", "1050"))),
            clock));
  }

  private LogiwaOrderFunction(Map<String, String> env, Clock clock, LogiwaApi api) {
    super(
        SystemId.LOGIWA,
        "InsertShipmentOrder",
        "orders--logiwa",
        env,
        clock,
        new Pacer(clock),
        api::token);
    this.api = api;
  }

  @Override
  protected void send(String token, OrderPlaced order, Event event) {
    ObjectNode search = JSON.createObjectNode().put("Code", order.getOrderId());
    if (api.call(token, "WarehouseOrderSearch", search).path("Data").size() > 0) {
      return;
    }
    ArrayNode orders = JSON.createArrayNode();
    ObjectNode shipment =
        orders
            .addObject()
            .put("Code", order.getOrderId())
            .put("CustomerOrderNo", order.getOrderId())
            .put("Channel", order.getChannel())
            .put("OrderDate", event.getTime().toString());
    Address shipTo = order.getShipTo();
    if (shipTo != null) {
      shipment
          .putObject("ShipmentAddress")
          .put("Name", shipTo.getName())
          .put("AddressText", shipTo.getLine1())
          .put("City", shipTo.getCity())
          .put("State", shipTo.getRegion())
          .put("PostalCode", shipTo.getPostalCode())
          .put("Country", shipTo.getCountryCode());
    }
    ArrayNode details = shipment.putArray("Details");
    for (OrderLine line : order.getLines()) {
      details
          .addObject()
          .put("InventoryItemCode", line.getSku())
          .put("PackQuantity", line.getQuantity());
    }
    api.call(token, "InsertShipmentOrder", orders);
  }
}
