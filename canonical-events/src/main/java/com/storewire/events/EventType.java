package com.storewire.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every kind of event Storewire emits: its CloudEvents {@code type}, its payload class and what its
 * {@code subject} is (the SKU or order id a consumer partitions and dedupes by).
 */
public enum EventType {
  ORDER_PLACED("com.storewire.order.placed", OrderPlaced.class, d -> d.getOrderId()),
  ORDER_REJECTED("com.storewire.order.rejected", OrderRejected.class, d -> d.getOrderId()),
  ORDER_OVERSOLD("com.storewire.order.oversold", OrderOversold.class, d -> d.getOrderId()),
  ORDER_CANCELLED("com.storewire.order.cancelled", OrderCancelled.class, d -> d.getOrderId()),
  STOCK_RESERVED("com.storewire.stock.reserved", StockReserved.class, d -> d.getSku()),
  RESERVATION_RELEASED(
      "com.storewire.stock.reservation_released", ReservationReleased.class, d -> d.getSku()),
  STOCK_ADJUSTED("com.storewire.stock.adjusted", StockAdjusted.class, d -> d.getSku()),
  AVAILABILITY_CHANGED(
      "com.storewire.stock.availability_changed", AvailabilityChanged.class, d -> d.getSku()),
  SAFETY_STOCK_UPDATED(
      "com.storewire.stock.safety_stock_updated", SafetyStockUpdated.class, d -> d.getSku()),
  SHIPMENT_CREATED("com.storewire.shipment.created", ShipmentCreated.class, d -> d.getOrderId()),
  CONNECTOR_ALERT(
      "com.storewire.connector.alert",
      ConnectorAlert.class,
      d -> d.getVendor().name().toLowerCase() + "/" + d.getOperation()),
  DRIFT_DETECTED("com.storewire.drift.detected", DriftDetected.class, d -> d.getEntityId()),
  DRIFT_CORRECTED("com.storewire.drift.corrected", DriftCorrected.class, d -> d.getEntityId()),
  RAW_VENDOR_PAYLOAD(
      "com.storewire.vendor.raw_payload",
      RawVendorPayload.class,
      d -> d.getVendor().name().toLowerCase() + "/" + d.getVendorTopic());

  private static final Map<String, EventType> BY_CE_TYPE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, t -> t));
  private static final Map<Class<?>, EventType> BY_PAYLOAD =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.payloadClass, t -> t));

  private final String ceType;
  private final Class<? extends SpecificRecord> payloadClass;
  private final Function<SpecificRecord, String> subjectOf;

  <T extends SpecificRecord> EventType(
      String ceType, Class<T> payloadClass, Function<T, String> subjectOf) {
    this.ceType = ceType;
    this.payloadClass = payloadClass;
    this.subjectOf = payload -> subjectOf.apply(payloadClass.cast(payload));
  }

  /** The CloudEvents {@code type} attribute, e.g. {@code com.storewire.order.placed}. */
  public String ceType() {
    return ceType;
  }

  public Class<? extends SpecificRecord> payloadClass() {
    return payloadClass;
  }

  /** The Avro schema of the payload at the current schema version. */
  public Schema payloadSchema() {
    return EventSchema.current().getField("data").schema().getTypes().stream()
        .filter(s -> s.getFullName().equals(payloadClass.getName()))
        .findFirst()
        .orElseThrow();
  }

  /** snake_case name used for BigQuery tables, e.g. {@code order_placed}. */
  public String snakeName() {
    return name().toLowerCase();
  }

  /** The subject the envelope must carry for this payload. */
  public String subjectOf(SpecificRecord payload) {
    return subjectOf.apply(payload);
  }

  public static Optional<EventType> ofCeType(String ceType) {
    return Optional.ofNullable(BY_CE_TYPE.get(ceType));
  }

  public static EventType ofPayload(Object payload) {
    EventType type = payload == null ? null : BY_PAYLOAD.get(payload.getClass());
    if (type == null) {
      throw new IllegalArgumentException(
          "not a Storewire event payload: " + (payload == null ? "null" : payload.getClass()));
    }
    return type;
  }
}
