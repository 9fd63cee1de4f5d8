package com.storewire.intake.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.ReleaseReason;
import com.storewire.events.ReservationReleased;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.SkuQuantity;
import com.storewire.intake.IntakeTest;
import com.storewire.intake.deployment.Routes;
import com.storewire.intake.orders.ExpirySweeper;
import com.storewire.intake.stock.StockLevels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ShipmentCreated pushed to order-intake consumes the order's reservation. Reservations here expire
 * at once, so the sweeper would release anything a shipment left reserved.
 */
@MicronautTest
class FulfilmentTest extends IntakeTest {

  @Override
  protected Routes routes() {
    return Routes.PRIVATE;
  }

  @Inject ExpirySweeper sweeper;
  @Inject MeterRegistry meters;
  @Inject Firestore db;

  @Override
  protected Map<String, String> extraProperties() {
    return RESERVATIONS_EXPIRE_AT_ONCE;
  }

  @Test
  void aShippedOrderIsFulfilledNeverExpiresAndItsUnitsDoNotComeBack() {
    seed("SHIP-1", 10, 2);
    String orderId = order("ship-1", orderBody("SHIP-1", 3)).json().get("order_id").asText();
    double fulfilledBefore = outcomes("fulfilled");

    assertThat(push("fulfilment", shipment("evt-ship-1", orderId, "shp-1", "SHIP-1", 3)).status())
        .isEqualTo(204);

    assertThat(status(orderId)).isEqualTo("FULFILLED");
    assertLevels("SHIP-1", 7, 0, 7);
    String unshipped = order("ship-1b", orderBody("SHIP-1", 2)).json().get("order_id").asText();
    assertLevels("SHIP-1", 7, 2, 5);

    sweeper.sweepOnce();

    assertThat(status(unshipped)).isEqualTo("EXPIRED");
    assertThat(status(orderId)).isEqualTo("FULFILLED");
    assertLevels("SHIP-1", 7, 0, 7);
    assertThat(outcomes("fulfilled")).isEqualTo(fulfilledBefore + 1);
    List<Event> released =
        events(
            "stock-reservations--bigquery",
            e ->
                e.getType().equals(EventType.RESERVATION_RELEASED.ceType())
                    && orderId.equals(((ReservationReleased) e.getData()).getOrderId()),
            1);
    assertThat(released).hasSize(1);
    ReservationReleased consumed = (ReservationReleased) released.get(0).getData();
    assertThat(consumed.getReason()).isEqualTo(ReleaseReason.FULFILLED);
    assertThat(consumed.getQuantity()).isEqualTo(3);
  }

  @Test
  void aRepeatedShipmentIsConsumedOnceWhateverItsEventId() {
    seed("SHIP-2", 10, 2);
    String orderId = order("ship-2", orderBody("SHIP-2", 4)).json().get("order_id").asText();
    Event shipment = shipment("evt-ship-2", orderId, "shp-2", "SHIP-2", 2);
    double appliedBefore = outcomes("already_applied");

    Answer first = push("fulfilment", shipment);
    Answer redelivered = push("fulfilment", shipment);
    // The normaliser publishes the same shipment under an id of its own.
    Answer republished =
        push("fulfilment", shipment("evt-ship-2-normalised", orderId, "shp-2", "SHIP-2", 2));

    assertThat(List.of(first.status(), redelivered.status(), republished.status()))
        .containsOnly(204);
    assertThat(status(orderId)).isEqualTo("PLACED");
    assertLevels("SHIP-2", 8, 2, 6);
    assertThat(outcomes("already_applied")).isEqualTo(appliedBefore + 1);
  }

  @Test
  void aPartShipmentKeepsTheRestReservedUntilTheLastOneFulfilsTheOrder() {
    seed("SHIP-3", 10, 2);
    String orderId = order("ship-3", orderBody("SHIP-3", 4)).json().get("order_id").asText();

    push("fulfilment", shipment("evt-ship-3a", orderId, "shp-3a", "SHIP-3", 1));

    assertThat(status(orderId)).isEqualTo("PLACED");
    assertThat(purgeAt(orderId)).as("still holding stock").isNull();
    assertThat(
            internal(HttpRequest.GET("/v1/orders/" + orderId))
                .json()
                .get("reservations")
                .get(0)
                .get("quantity")
                .asInt())
        .isEqualTo(3);
    assertLevels("SHIP-3", 9, 3, 6);

    push("fulfilment", shipment("evt-ship-3b", orderId, "shp-3b", "SHIP-3", 3));

    assertThat(status(orderId)).isEqualTo("FULFILLED");
    assertLevels("SHIP-3", 6, 0, 6);
    assertThat(purgeAt(orderId))
        .as("settled: Firestore's TTL may delete it after retention")
        .isNotNull();
  }

  private Object purgeAt(String orderId) {
    try {
      return db.collection("orders").document(orderId).get().get().get("purge_at");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aShipmentForAnUnknownOrCancelledOrderChangesNoStockAndIsCounted() {
    seed("SHIP-4", 10, 1);
    String orderId = order("ship-4", orderBody("SHIP-4", 2)).json().get("order_id").asText();
    storefront(HttpRequest.POST("/v1/orders/" + orderId + ":cancel", ""));
    double unknownBefore = outcomes("unknown_order");
    double cancelledBefore = outcomes("order_cancelled");

    Answer unknown =
        push("fulfilment", shipment("evt-ship-4a", "no-such-order", "shp-4a", "SHIP-4", 2));
    Answer cancelled = push("fulfilment", shipment("evt-ship-4b", orderId, "shp-4b", "SHIP-4", 2));

    assertThat(unknown.status()).isEqualTo(204);
    assertThat(cancelled.status()).isEqualTo(204);
    assertThat(status(orderId)).isEqualTo("CANCELLED");
    assertLevels("SHIP-4", 10, 0, 10);
    assertThat(outcomes("unknown_order")).isEqualTo(unknownBefore + 1);
    assertThat(outcomes("order_cancelled")).isEqualTo(cancelledBefore + 1);
  }

  @Test
  void anythingButAShipmentIs400() {
    Event notAShipment =
        EventBuilder.of(
                ReservationReleased.newBuilder()
                    .setReservationId("r-1")
                    .setOrderId("o-1")
                    .setSku("SHIP-5")
                    .setQuantity(1)
                    .setReason(ReleaseReason.FULFILLED)
                    .build())
            .source("//storewire/test")
            .build();

    assertThat(push("fulfilment", notAShipment).status()).isEqualTo(400);
  }

  private static Event shipment(
      String eventId, String orderId, String shipmentId, String sku, int units) {
    return EventBuilder.of(
            ShipmentCreated.newBuilder()
                .setOrderId(orderId)
                .setShipmentId(shipmentId)
                .setCarrier("ups")
                .setLines(List.of(SkuQuantity.newBuilder().setSku(sku).setQuantity(units).build()))
                .setShippedAt(Instant.parse("2026-11-25T10:00:00Z"))
                .build())
        .id(eventId)
        .source("//storewire/connector-functions/shipstation")
        .build();
  }

  private String status(String orderId) {
    return internal(HttpRequest.GET("/v1/orders/" + orderId)).json().get("status").asText();
  }

  private void assertLevels(String sku, long onHand, long reserved, long available) {
    StockLevels levels = stock.levels(sku).orElseThrow();
    assertThat(List.of(levels.onHand(), levels.reserved(), levels.available()))
        .as("%s on hand, reserved, available", sku)
        .containsExactly(onHand, reserved, available);
  }

  private double outcomes(String outcome) {
    return meters.counter("storewire.orders.fulfilment", "outcome", outcome).count();
  }
}
