package com.storewire.connectors.klaviyo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.OrderEventFunction;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.Event;
import com.storewire.events.OrderPlaced;
import com.storewire.events.SystemId;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;

/**
 * OrderPlaced with a customer email → Klaviyo's "Placed Order" event for email flows. The event's
 * {@code unique_id} is ours, so a redelivery is recorded once (Klaviyo keeps the first).
 */
public final class KlaviyoOrderFunction extends OrderEventFunction {

  static final String REVISION = "2026-10-15";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public KlaviyoOrderFunction() {
    this(System.getenv(), Clock.systemUTC());
  }

  KlaviyoOrderFunction(Map<String, String> env, Clock clock) {
    super(
        SystemId.KLAVIYO,
        "createEvent",
        "orders--klaviyo",
        env,
        clock,
        new Pacer(clock),
        fixed("Klaviyo-API-Key " + env.get("KLAVIYO_API_KEY")));
    this.baseUrl = env.get("KLAVIYO_BASE_URL");
  }

  /** Klaviyo's flows need a profile to write to: orders without an email have nothing to send. */
  @Override
  protected boolean accepts(Event event) {
    return event.getData() instanceof OrderPlaced order && order.getCustomerEmail() != null;
  }

  @Override
  protected void send(String apiKey, Event event) {
    OrderPlaced order = (OrderPlaced) event.getData();
    ObjectNode attributes = JSON.createObjectNode();
    attributes
        .putObject("properties")
        .put("order_id", order.getOrderId())
        .put("channel", order.getChannel())
        .put("item_count", order.getLines().stream().mapToInt(l -> l.getQuantity()).sum());
    attributes
        .put("time", event.getTime().toString())
        .put(
            "value",
            BigDecimal.valueOf(
                order.getTotal().getAmountMinor(),
                Currency.getInstance(order.getTotal().getCurrency()).getDefaultFractionDigits()))
        .put("value_currency", order.getTotal().getCurrency())
        .put("unique_id", event.getId());
    attributes
        .putObject("metric")
        .putObject("data")
        .put("type", "metric")
        .putObject("attributes")
        .put("name", "Placed Order");
    attributes
        .putObject("profile")
        .putObject("data")
        .put("type", "profile")
        .putObject("attributes")
        .put("email", order.getCustomerEmail());
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").put("type", "event").set("attributes", attributes);
    VendorHttp.requireSuccess(
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/events"))
                .header("Authorization", apiKey)
                .header("revision", REVISION)
                .header("Content-Type", "application/vnd.api+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
  }
}
