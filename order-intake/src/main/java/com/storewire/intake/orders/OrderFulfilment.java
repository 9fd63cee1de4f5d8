package com.storewire.intake.orders;

import static com.storewire.intake.stock.StockDocuments.DEFICIT;
import static com.storewire.intake.stock.StockDocuments.ON_HAND;
import static com.storewire.intake.stock.StockDocuments.RESERVED;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.ReleaseReason;
import com.storewire.events.ReservationReleased;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.SkuQuantity;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.outbox.Outbox;
import com.storewire.intake.stock.Conflicts;
import com.storewire.intake.stock.ShardUnits;
import com.storewire.intake.stock.StockDocuments;
import com.storewire.intake.stock.StockStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Consumes a shipped order's reservations: the units left the warehouse, so each shard that held
 * them gives up its {@code reserved} units and the SKU's {@code on_hand} drops by as many, leaving
 * {@code available} as it was. The order, the shards, the SKU and the ReservationReleased
 * (FULFILLED) events commit in one batch conditional on every document being as read, as a release
 * does; a lost race is replanned. A shipment with lines consumes those units; one without, the
 * whole order. The order is FULFILLED once every line has shipped, and then holds no stock and
 * never expires; a partly shipped order keeps what is left reserved, which expires as any
 * reservation.
 *
 * <p>Only reserved units are consumed. Units shipped beyond them (an oversold order's shortfall the
 * warehouse filled after all) were never in Storewire's count, so on-hand is left alone for them.
 *
 * <p>Races with the warehouse's counts remain: Logiwa's STOCK_TAKE sets on-hand absolutely. A count
 * that already excluded the shipped units, applied before this, is lowered again here and
 * under-states on-hand (under-selling) until the next count. A count taken before the goods left
 * but applied after this over-states on-hand by the shipped units until the next count (the
 * reservation no longer holds them), as any count that arrives late does.
 */
@Singleton
public class OrderFulfilment {

  private static final int MAX_ATTEMPTS = 200;

  private final Firestore db;
  private final StockStore stock;
  private final Outbox outbox;
  private final IntakeSettings settings;
  private final Clock clock;

  public OrderFulfilment(Firestore db, StockStore stock, Outbox outbox, IntakeSettings settings) {
    this.db = db;
    this.stock = stock;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = Clock.systemUTC();
  }

  /** What a shipment did to its order. */
  public enum Outcome {
    /** Every line has now shipped: the order is FULFILLED. */
    FULFILLED,
    /** Some lines wait for another shipment; their units stay reserved. */
    PARTLY_FULFILLED,
    /** No such order. */
    UNKNOWN_ORDER,
    /** This shipment was applied before (perhaps under another event id). */
    ALREADY_APPLIED,
    /** The order holds no stock (cancelled, expired, rejected or fulfilled): nothing changed. */
    HOLDS_NO_STOCK
  }

  /**
   * The shipment's effect.
   *
   * @param status the order's status after it, or null for an unknown order
   */
  public record Result(Outcome outcome, OrderStatus status) {}

  /**
   * Applies the shipment to its order.
   *
   * @param alsoWrite writes that must commit with a change (the push's processed marker)
   */
  public Result ship(Event shipmentEvent, Consumer<WriteBatch> alsoWrite) {
    ShipmentCreated shipment = (ShipmentCreated) shipmentEvent.getData();
    DocumentReference orderRef =
        db.collection(OrderDocuments.ORDERS).document(shipment.getOrderId());
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      DocumentSnapshot orderDoc = StockStore.await(orderRef.get());
      if (!orderDoc.exists()) {
        return new Result(Outcome.UNKNOWN_ORDER, null);
      }
      OrderView view = OrderDocuments.view(orderDoc);
      if (OrderDocuments.shipmentIds(orderDoc).contains(shipment.getShipmentId())) {
        return new Result(Outcome.ALREADY_APPLIED, view.status());
      }
      if (!view.status().holdsStock()) {
        return new Result(Outcome.HOLDS_NO_STOCK, view.status());
      }
      WriteBatch batch = db.batch();
      Map<String, Integer> shipped = shippedNow(OrderDocuments.shipped(orderDoc), shipment, view);
      boolean complete =
          shipment.getLines().isEmpty()
              || view.lines().stream()
                  .allMatch(l -> shipped.getOrDefault(l.sku(), 0) >= ordered(view, l.sku()));
      List<Map<String, Object>> stillReserved = new ArrayList<>();
      for (OrderView.Reservation reservation : view.reservations()) {
        int units =
            complete
                ? reservation.quantity()
                : Math.min(reservation.quantity(), unitsShipped(shipment, reservation.sku()));
        Map<String, Integer> left = consume(batch, reservation, units);
        if (reservation.quantity() > units) {
          stillReserved.add(
              OrderDocuments.reservation(
                  reservation.reservationId(),
                  reservation.sku(),
                  reservation.quantity() - units,
                  left));
        }
        if (units > 0) {
          outbox.add(batch, released(shipmentEvent, reservation, units));
        }
      }
      OrderStatus status = complete ? OrderStatus.FULFILLED : view.status();
      Map<String, Object> update = new HashMap<>();
      update.put("status", status.name());
      update.put(OrderDocuments.RESERVATIONS, stillReserved);
      update.put(OrderDocuments.SHIPPED, shipped);
      update.put(OrderDocuments.SHIPMENT_IDS, FieldValue.arrayUnion(shipment.getShipmentId()));
      if (complete) {
        update.put(
            OrderDocuments.PURGE_AT,
            OrderDocuments.purgeAt(clock.instant(), settings.orderRetention()));
      }
      batch.update(orderRef, update, Precondition.updatedAt(orderDoc.getUpdateTime()));
      alsoWrite.accept(batch);
      try {
        batch.commit().get();
        return new Result(complete ? Outcome.FULFILLED : Outcome.PARTLY_FULFILLED, status);
      } catch (ExecutionException e) {
        if (!Conflicts.isLostRace(e)) {
          throw new IllegalStateException(
              "fulfilling order " + shipment.getOrderId() + " failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        "fulfilling order " + shipment.getOrderId() + " kept losing races");
  }

  /** Units per SKU shipped so far, this shipment included; a shipment without lines ships all. */
  private static Map<String, Integer> shippedNow(
      Map<String, Integer> before, ShipmentCreated shipment, OrderView view) {
    Map<String, Integer> shipped = new TreeMap<>(before);
    if (shipment.getLines().isEmpty()) {
      view.lines().forEach(l -> shipped.put(l.sku(), ordered(view, l.sku())));
    } else {
      shipment.getLines().forEach(l -> shipped.merge(l.getSku(), l.getQuantity(), Integer::sum));
    }
    return shipped;
  }

  private static int ordered(OrderView view, String sku) {
    return view.lines().stream().filter(l -> l.sku().equals(sku)).mapToInt(l -> l.quantity()).sum();
  }

  private static int unitsShipped(ShipmentCreated shipment, String sku) {
    return shipment.getLines().stream()
        .filter(l -> l.getSku().equals(sku))
        .mapToInt(SkuQuantity::getQuantity)
        .sum();
  }

  /**
   * Takes {@code units} out of the reservation's shards (lowest shard id first) and the SKU's
   * on-hand, and returns what each shard still holds for the order.
   */
  private Map<String, Integer> consume(
      WriteBatch batch, OrderView.Reservation reservation, int units) {
    Map<String, Integer> left = new TreeMap<>(reservation.shards());
    if (units == 0) {
      return left;
    }
    int toTake = units;
    List<ShardUnits> shards = stock.shards(reservation.sku(), left.keySet());
    shards = shards.stream().sorted((a, b) -> a.shard().compareTo(b.shard())).toList();
    for (ShardUnits shard : shards) {
      int take = Math.min(toTake, left.get(shard.shard()));
      if (take == 0) {
        continue;
      }
      toTake -= take;
      left.merge(shard.shard(), -take, Integer::sum);
      batch.update(
          StockDocuments.shard(db, shard.sku(), shard.shard()),
          Map.of(RESERVED, shard.reserved() - take),
          Precondition.updatedAt(shard.updateTime()));
    }
    left.values().removeIf(held -> held == 0);
    DocumentReference skuRef = StockDocuments.sku(db, reservation.sku());
    DocumentSnapshot skuDoc = StockStore.await(skuRef.get());
    long onHand = StockStore.longOf(skuDoc, ON_HAND);
    long deficit = StockStore.longOf(skuDoc, DEFICIT);
    // available + reserved + safety_stock = on_hand + deficit holds with both lowered by the
    // units; a count that already took them out of on-hand leaves less to lower, and the deficit
    // (which such a count created) takes the rest.
    long fromOnHand = Math.min(onHand, units);
    Map<String, Object> skuFields = new HashMap<>();
    skuFields.put(ON_HAND, onHand - fromOnHand);
    skuFields.put(DEFICIT, Math.max(0, deficit - (units - fromOnHand)));
    batch.update(skuRef, skuFields, Precondition.updatedAt(skuDoc.getUpdateTime()));
    return left;
  }

  private static Event released(Event shipmentEvent, OrderView.Reservation reservation, int units) {
    ShipmentCreated shipment = (ShipmentCreated) shipmentEvent.getData();
    return EventBuilder.of(
            ReservationReleased.newBuilder()
                .setReservationId(reservation.reservationId())
                .setOrderId(shipment.getOrderId())
                .setSku(reservation.sku())
                .setQuantity(units)
                .setReason(ReleaseReason.FULFILLED)
                .build())
        .id("fulfilled-" + reservation.reservationId() + "-" + shipment.getShipmentId())
        .source(OrderService.SOURCE)
        .causedBy(shipmentEvent)
        .build();
  }
}
