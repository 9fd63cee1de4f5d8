package com.storewire.connectors.shipstation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.PerEventFunction;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.SkuQuantity;
import com.storewire.events.SystemId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ShipStation's SHIP_NOTIFY webhook (kept as a raw vendor payload by the webhook function) → one
 * ShipmentCreated per shipment. The webhook only names a {@code resource_url}; it is fetched with
 * the key pair, and only from ShipStation's own base URL, since the credential must never go where
 * an unsigned payload points. Event ids come from ShipStation's shipment ids, so a redelivered
 * notification produces the same events and consumers drop the copies.
 */
public final class ShipStationShipmentFunction extends PerEventFunction {

  static final String SHIP_NOTIFY = "SHIP_NOTIFY";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShipStationAccount account;

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public ShipStationShipmentFunction() {
    this(System.getenv(), Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  ShipStationShipmentFunction(Map<String, String> env, Clock clock, Pacer pacer) {
    this(env, clock, new ShipStationAccount(env, pacer, clock));
  }

  private ShipStationShipmentFunction(
      Map<String, String> env, Clock clock, ShipStationAccount account) {
    super(
        SystemId.SHIPSTATION,
        "shipments",
        "raw-vendor-payloads--shipstation",
        env,
        clock,
        account.pacer(),
        fixed(account.basicAuth()));
    this.account = account;
  }

  /** Other vendors' payloads share the topic; a filter drops them in Google Cloud, this too. */
  @Override
  protected boolean accepts(Event event) {
    return event.getData() instanceof RawVendorPayload raw
        && raw.getVendor() == SystemId.SHIPSTATION
        && SHIP_NOTIFY.equals(raw.getVendorTopic());
  }

  @Override
  protected void send(String basicAuth, Event event) {
    URI resource = resourceOf((RawVendorPayload) event.getData());
    List<Event> shipments = new ArrayList<>();
    int page = 1;
    int pages;
    do {
      JsonNode answer =
          VendorHttp.json(
              account.send(
                  basicAuth,
                  URI.create(resource + "&page=" + page),
                  HttpRequest.newBuilder().GET()));
      if (!answer.path("shipments").isArray()) {
        throw VendorFailure.retryable(
            ConnectorAlertReason.UNAVAILABLE, 200, null, "no shipments array in " + answer);
      }
      for (JsonNode shipment : answer.get("shipments")) {
        shipments.add(shipmentCreated(shipment, event));
      }
      pages = answer.path("pages").asInt(1);
      page++;
    } while (page <= pages);
    shipments.forEach(events()::publish);
  }

  private URI resourceOf(RawVendorPayload raw) {
    String url;
    try {
      url = JSON.readTree(raw.getBody().array()).path("resource_url").asText("");
    } catch (IOException e) {
      throw VendorFailure.permanent(null, "SHIP_NOTIFY body is not JSON: " + e.getMessage());
    }
    if (!url.startsWith(account.baseUrl() + "/shipments?")) {
      throw VendorFailure.permanent(
          null, "SHIP_NOTIFY resource_url is not a ShipStation shipments URL: " + url);
    }
    return URI.create(url);
  }

  private static Event shipmentCreated(JsonNode shipment, Event notification) {
    List<SkuQuantity> lines = new ArrayList<>();
    for (JsonNode item : shipment.path("shipmentItems")) {
      lines.add(
          SkuQuantity.newBuilder()
              .setSku(item.path("sku").asText())
              .setQuantity(item.path("quantity").asInt())
              .build());
    }
    String orderKey = shipment.path("orderKey").asText("");
    if (orderKey.isEmpty() || !shipment.hasNonNull("shipmentId")) {
      throw VendorFailure.retryable(
          ConnectorAlertReason.UNAVAILABLE, 200, null, "shipment without orderKey or id");
    }
    return EventBuilder.of(
            ShipmentCreated.newBuilder()
                .setOrderId(orderKey)
                .setShipmentId(shipment.get("shipmentId").asText())
                .setCarrier(shipment.path("carrierCode").asText("unknown"))
                .setService(shipment.path("serviceCode").asText(null))
                .setTrackingNumber(shipment.path("trackingNumber").asText(null))
                .setLines(lines)
                .setShippedAt(shippedAt(shipment, notification))
                .setCustomerEmail(shipment.path("customerEmail").asText(null))
                .build())
        .id("shipstation-shipment-" + shipment.get("shipmentId").asText())
        .source("//storewire/connector-functions/shipstation")
        .causedBy(notification.getId(), notification.getCorrelationId())
        .build();
  }

  /**
   * ShipStation gives the ship date as a day: the start of that day (UTC) stands for it, or the
   * notification's time when the day is missing.
   */
  private static Instant shippedAt(JsonNode shipment, Event notification) {
    String day = shipment.path("shipDate").asText("");
    return day.length() >= 10
        ? LocalDate.parse(day.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant()
        : notification.getTime();
  }
}
