package com.storewire.events.samples;

import com.storewire.events.Address;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.DriftCorrected;
import com.storewire.events.DriftDetected;
import com.storewire.events.DriftKind;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.Money;
import com.storewire.events.OrderCancelled;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderOversold;
import com.storewire.events.OrderPlaced;
import com.storewire.events.OrderRejected;
import com.storewire.events.OrderRejectionReason;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.ReleaseReason;
import com.storewire.events.ReservationReleased;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.SkuQuantity;
import com.storewire.events.StockAdjusted;
import com.storewire.events.StockReserved;
import com.storewire.events.StockShortfall;
import com.storewire.events.SystemId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One realistic, valid event of every type: fixtures for every module's tests, and what the local
 * stack publishes to show each topic working end to end.
 */
public final class SampleEvents {

  public static final Instant AT = Instant.parse("2026-11-27T09:00:00.123Z");
  public static final String SOURCE = "//storewire/test";

  private SampleEvents() {}

  public static Event of(EventType type) {
    return EventBuilder.of(payload(type))
        .id("evt-" + type.snakeName())
        .source(SOURCE)
        .time(AT)
        .correlationId("corr-1")
        .build();
  }

  public static SpecificRecord payload(EventType type) {
    return switch (type) {
      case ORDER_PLACED ->
          OrderPlaced.newBuilder()
              .setOrderId("ord-1001")
              .setChannel("shopify")
              .setChannelOrderId("5551234")
              .setLines(List.of(line("TEE-BLK-M", 2, 1999), line("MUG-WHT", 1, 1250)))
              .setTotal(usd(5248))
              .setCustomerEmail("ada@example.com")
              .setShipTo(
                  Address.newBuilder()
                      .setName("Ada Lovelace")
                      .setLine1("12 St James's Square")
                      .setCity("London")
                      .setPostalCode("SW1Y 4JH")
                      .setCountryCode("GB")
                      .build())
              .setReservationExpiresAt(AT.plusSeconds(900))
              .build();
      case ORDER_REJECTED ->
          OrderRejected.newBuilder()
              .setOrderId("ord-1002")
              .setChannel("storefront")
              .setReason(OrderRejectionReason.INSUFFICIENT_STOCK)
              .setDetail("TEE-BLK-M: 3 requested, 1 available")
              .setShortfalls(List.of(shortfall("TEE-BLK-M", 3, 1)))
              .build();
      case ORDER_OVERSOLD ->
          OrderOversold.newBuilder()
              .setOrderId("ord-1003")
              .setChannel("amazon")
              .setChannelOrderId("113-1234567-1234567")
              .setShortfalls(List.of(shortfall("TEE-BLK-M", 3, 1), shortfall("MUG-WHT", 1, 0)))
              .setOversoldUnits(3)
              .build();
      case ORDER_CANCELLED ->
          OrderCancelled.newBuilder()
              .setOrderId("ord-1001")
              .setChannel("shopify")
              .setReason("customer request")
              .setReleased(List.of(units("TEE-BLK-M", 2)))
              .build();
      case STOCK_RESERVED ->
          StockReserved.newBuilder()
              .setReservationId("res-1")
              .setOrderId("ord-1001")
              .setSku("TEE-BLK-M")
              .setChannel("shopify")
              .setQuantity(2)
              .setExpiresAt(AT.plusSeconds(900))
              .build();
      case RESERVATION_RELEASED ->
          ReservationReleased.newBuilder()
              .setReservationId("res-1")
              .setOrderId("ord-1001")
              .setSku("TEE-BLK-M")
              .setQuantity(2)
              .setReason(ReleaseReason.EXPIRED)
              .build();
      case STOCK_ADJUSTED ->
          StockAdjusted.newBuilder()
              .setSku("TEE-BLK-M")
              .setReason(AdjustmentReason.RECEIPT)
              .setSourceSystem(SystemId.LOGIWA)
              .setQuantityChange(48)
              .setReference("RCV-2026-0042")
              .build();
      case AVAILABILITY_CHANGED ->
          AvailabilityChanged.newBuilder()
              .setSku("TEE-BLK-M")
              .setChannel("ebay")
              .setOnHand(50)
              .setReserved(12)
              .setSafetyStock(5)
              .setChannelBuffer(3)
              .setSellable(30)
              .setStockVersion(17)
              .build();
      case SAFETY_STOCK_UPDATED ->
          SafetyStockUpdated.newBuilder()
              .setSku("TEE-BLK-M")
              .setSafetyStock(9)
              .setPreviousSafetyStock(5)
              .setMeanDailyDemand(6.5)
              .setStddevDailyDemand(2.75)
              .setLeadTimeDays(3)
              .setServiceLevel(0.95)
              .setWindowStart(AT.minusSeconds(28 * 86_400))
              .setWindowEnd(AT)
              .build();
      case SHIPMENT_CREATED ->
          ShipmentCreated.newBuilder()
              .setOrderId("ord-1001")
              .setShipmentId("shp-77")
              .setCarrier("ups")
              .setService("ups_ground")
              .setTrackingNumber("1Z999AA10123456784")
              .setLines(List.of(units("TEE-BLK-M", 2)))
              .setShippedAt(AT.plusSeconds(86_400))
              .build();
      case CONNECTOR_ALERT ->
          ConnectorAlert.newBuilder()
              .setVendor(SystemId.SHOPIFY)
              .setOperation("inventory_levels.set")
              .setReason(ConnectorAlertReason.AUTH_EXPIRED)
              .setAttempt(1)
              .setHttpStatus(401)
              .setDetail("[API] Invalid API key or access token")
              .setFailedEventId("evt-availability_changed")
              .build();
      case DRIFT_DETECTED ->
          DriftDetected.newBuilder()
              .setSystem(SystemId.EBAY)
              .setKind(DriftKind.STOCK_MISMATCH)
              .setEntityId("TEE-BLK-M")
              .setExpected("30")
              .setObserved("34")
              .setQuantityDelta(4)
              .build();
      case DRIFT_CORRECTED ->
          DriftCorrected.newBuilder()
              .setSystem(SystemId.EBAY)
              .setKind(DriftKind.STOCK_MISMATCH)
              .setEntityId("TEE-BLK-M")
              .setDriftEventId("evt-drift_detected")
              .setAction("set quantity")
              .setCorrectedValue("30")
              .build();
      case RAW_VENDOR_PAYLOAD ->
          RawVendorPayload.newBuilder()
              .setVendor(SystemId.SHOPIFY)
              .setVendorTopic("orders/create")
              .setVendorEventId("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
              .setReceivedAt(AT)
              .setSignatureVerified(true)
              .setContentType("application/json")
              .setBody(ByteBuffer.wrap("{\"id\":5551234}".getBytes(StandardCharsets.UTF_8)))
              .build();
    };
  }

  private static OrderLine line(String sku, int quantity, long unitPriceCents) {
    return OrderLine.newBuilder()
        .setSku(sku)
        .setQuantity(quantity)
        .setUnitPrice(usd(unitPriceCents))
        .build();
  }

  private static Money usd(long cents) {
    return Money.newBuilder().setAmountMinor(cents).setCurrency("USD").build();
  }

  private static StockShortfall shortfall(String sku, int requested, int available) {
    return StockShortfall.newBuilder()
        .setSku(sku)
        .setRequested(requested)
        .setAvailable(available)
        .build();
  }

  private static SkuQuantity units(String sku, int quantity) {
    return SkuQuantity.newBuilder().setSku(sku).setQuantity(quantity).build();
  }
}
