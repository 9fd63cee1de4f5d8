package com.storewire.connectors.klaviyo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.InstanceBudget;
import com.storewire.connectors.core.InstanceShare;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.PerEventFunction;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.connectors.core.VendorLimit;
import com.storewire.events.Event;
import com.storewire.events.Money;
import com.storewire.events.OrderCancelled;
import com.storewire.events.OrderPlaced;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.SkuQuantity;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Order lifecycle events with a customer email → Klaviyo events that start email flows: "Placed
 * Order", "Cancelled Order" and "Fulfilled Order". Deployed once per trigger (the orders and the
 * shipments subscriptions). The event's {@code unique_id} is ours, so a redelivery is recorded once
 * (Klaviyo keeps the first).
 */
public final class KlaviyoEventFunction extends PerEventFunction {

  static final String REVISION = "2026-10-15";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  /** This instance's part of the account's Create Event limit (350/s, 3500/min). */
  private final InstanceBudget requests;

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public KlaviyoEventFunction() {
    this(System.getenv(), Clock.systemUTC());
  }

  KlaviyoEventFunction(Map<String, String> env, Clock clock) {
    super(
        SystemId.KLAVIYO,
        "createEvent",
        List.of("orders--klaviyo", "shipments--klaviyo"),
        env,
        clock,
        new Pacer(clock),
        fixed("Klaviyo-API-Key " + env.get("KLAVIYO_API_KEY")));
    this.baseUrl = env.get("KLAVIYO_BASE_URL");
    this.requests = InstanceShare.fromEnv(env).budget(VendorLimit.KLAVIYO_CREATE_EVENT, clock);
  }

  /** Klaviyo's flows need a profile to write to: events without an email have nothing to send. */
  @Override
  protected boolean accepts(Event event) {
    return email(event) != null;
  }

  private static String email(Event event) {
    if (event.getData() instanceof OrderPlaced placed) {
      return placed.getCustomerEmail();
    }
    if (event.getData() instanceof OrderCancelled cancelled) {
      return cancelled.getCustomerEmail();
    }
    if (event.getData() instanceof ShipmentCreated shipment) {
      return shipment.getCustomerEmail();
    }
    return null;
  }

  @Override
  protected void send(String apiKey, Event event) {
    ObjectNode attributes = JSON.createObjectNode();
    ObjectNode properties = attributes.putObject("properties");
    String metric;
    if (event.getData() instanceof OrderPlaced order) {
      metric = "Placed Order";
      properties
          .put("order_id", order.getOrderId())
          .put("channel", order.getChannel())
          .put("item_count", order.getLines().stream().mapToInt(l -> l.getQuantity()).sum());
      Money total = order.getTotal();
      attributes
          .put(
              "value",
              BigDecimal.valueOf(
                  total.getAmountMinor(),
                  Currency.getInstance(total.getCurrency()).getDefaultFractionDigits()))
          .put("value_currency", total.getCurrency());
    } else if (event.getData() instanceof OrderCancelled cancelled) {
      metric = "Cancelled Order";
      properties
          .put("order_id", cancelled.getOrderId())
          .put("channel", cancelled.getChannel())
          .put("reason", cancelled.getReason())
          .put("item_count", units(cancelled.getReleased()));
    } else {
      ShipmentCreated shipment = (ShipmentCreated) event.getData();
      metric = "Fulfilled Order";
      properties
          .put("order_id", shipment.getOrderId())
          .put("carrier", shipment.getCarrier())
          .put("tracking_number", shipment.getTrackingNumber())
          .put("item_count", units(shipment.getLines()));
    }
    attributes.put("time", event.getTime().toString()).put("unique_id", event.getId());
    attributes
        .putObject("metric")
        .putObject("data")
        .put("type", "metric")
        .putObject("attributes")
        .put("name", metric);
    attributes
        .putObject("profile")
        .putObject("data")
        .put("type", "profile")
        .putObject("attributes")
        .put("email", email(event));
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").put("type", "event").set("attributes", attributes);
    requests.acquire(1);
    VendorHttp.requireSuccess(
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/events"))
                .header("Authorization", apiKey)
                .header("revision", REVISION)
                .header("Content-Type", "application/vnd.api+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
  }

  private static int units(List<SkuQuantity> lines) {
    return lines.stream().mapToInt(SkuQuantity::getQuantity).sum();
  }
}
