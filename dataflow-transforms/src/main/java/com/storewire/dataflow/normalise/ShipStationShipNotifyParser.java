package com.storewire.dataflow.normalise;

import com.storewire.events.ShipmentCreated;
import com.storewire.events.SkuQuantity;
import com.storewire.events.SystemId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ShipStation's {@code SHIP_NOTIFY}. The webhook itself is thin ({@code resource_url} and {@code
 * resource_type}): the shipments are behind the URL, with the account's credentials, which the
 * ShipStation connector function holds and uses to publish ShipmentCreated. So a thin notification
 * means no event here. A body that carries the shipments themselves (the resource the URL returns,
 * as a replay or backfill publishes it) becomes one ShipmentCreated per shipment.
 */
final class ShipStationShipNotifyParser implements VendorParser {

  private static final Set<String> KNOWN_NOTIFICATION = Set.of("resource_url", "resource_type");
  private static final Set<String> KNOWN_RESOURCE = Set.of("shipments", "total", "page", "pages");
  private static final Set<String> KNOWN_SHIPMENT =
      Set.of(
          "shipmentId",
          "orderId",
          "orderKey",
          "orderNumber",
          "customerEmail",
          "carrierCode",
          "serviceCode",
          "trackingNumber",
          "shipDate",
          "createDate",
          "shipmentCost",
          "voided",
          "shipmentItems",
          "shipTo",
          "weight");

  @Override
  public SystemId vendor() {
    return SystemId.SHIPSTATION;
  }

  @Override
  public String vendorTopic() {
    return "SHIP_NOTIFY";
  }

  @Override
  public ParsedPayload parse(JsonPayload body, Instant receivedAt) {
    if (body.optionalText("resource_url").isPresent()) {
      return ParsedPayload.nothing(
          "a thin SHIP_NOTIFY: the ShipStation connector fetches and publishes its shipments",
          body.unknownFields(KNOWN_NOTIFICATION));
    }
    List<String> unknown = new ArrayList<>(body.unknownFields(KNOWN_RESOURCE));
    List<ShipmentCreated> shipments = new ArrayList<>();
    for (JsonPayload shipment : body.nonEmptyArray("shipments")) {
      unknown.addAll(shipment.unknownFields(KNOWN_SHIPMENT));
      List<SkuQuantity> lines =
          shipment.nonEmptyArray("shipmentItems").stream()
              .map(
                  item ->
                      SkuQuantity.newBuilder()
                          .setSku(item.text("sku"))
                          .setQuantity(item.wholeNumber("quantity"))
                          .build())
              .toList();
      shipments.add(
          ShipmentCreated.newBuilder()
              .setOrderId(shipment.text("orderKey"))
              .setShipmentId(shipment.text("shipmentId"))
              .setCarrier(shipment.text("carrierCode"))
              .setService(shipment.optionalText("serviceCode").orElse(null))
              .setTrackingNumber(shipment.optionalText("trackingNumber").orElse(null))
              .setLines(lines)
              .setShippedAt(shipDate(shipment))
              .setCustomerEmail(shipment.optionalText("customerEmail").orElse(null))
              .build());
    }
    return ParsedPayload.of(shipments, unknown);
  }

  /** ShipStation gives the ship date as a day; its start (UTC) stands for the moment. */
  private static Instant shipDate(JsonPayload shipment) {
    String day = shipment.text("shipDate");
    try {
      return LocalDate.parse(day.substring(0, Math.min(day.length(), 10)))
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new PayloadException(shipment.pathOf("shipDate"), "not a date: " + day);
    }
  }
}
