package com.storewire.intake.orders;

import static com.storewire.intake.stock.StockDocuments.AVAILABLE;
import static com.storewire.intake.stock.StockDocuments.DEFICIT;
import static com.storewire.intake.stock.StockDocuments.RESERVED;
import static com.storewire.intake.stock.StockDocuments.SHARD_COUNT;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.OrderCancelled;
import com.storewire.events.OrderOversold;
import com.storewire.events.OrderPlaced;
import com.storewire.events.OrderRejected;
import com.storewire.events.OrderRejectionReason;
import com.storewire.events.ReleaseReason;
import com.storewire.events.ReservationReleased;
import com.storewire.events.SkuQuantity;
import com.storewire.events.StockReserved;
import com.storewire.events.StockShortfall;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.outbox.Outbox;
import com.storewire.intake.stock.ChannelAllocation;
import com.storewire.intake.stock.Conflicts;
import com.storewire.intake.stock.ShardUnits;
import com.storewire.intake.stock.StockDocuments;
import com.storewire.intake.stock.StockStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Reserves and releases stock for orders. Placing an order reads the SKUs' non-empty shards, plans
 * which units to take (shards picked at random, so concurrent buyers rarely meet), and commits the
 * shards, the order, its events and its dedupe marker in one atomic batch whose shard writes are
 * conditional on the shards being as read. A lost race is replanned; a committed batch can never
 * take a unit twice, so reserved never exceeds on hand less safety stock.
 */
@Singleton
public class OrderService {

  static final String SOURCE = "//storewire/order-intake";
  private static final int MAX_ATTEMPTS = 200;

  private final Firestore db;
  private final StockStore stock;
  private final Outbox outbox;
  private final IntakeSettings settings;
  private final OrderMetrics metrics;
  private final Clock clock;

  public OrderService(
      Firestore db,
      StockStore stock,
      Outbox outbox,
      IntakeSettings settings,
      MeterRegistry meters) {
    this.db = db;
    this.stock = stock;
    this.outbox = outbox;
    this.settings = settings;
    this.metrics = new OrderMetrics(meters);
    this.clock = Clock.systemUTC();
  }

  /**
   * Places the order, or answers a repeat of it. {@code respond} renders the HTTP answer that is
   * kept with an idempotency key, so a repeat gets the first answer again.
   */
  public Placement place(NewOrder order, Function<OrderView, Placement.StoredResponse> respond) {
    Map<String, Integer> units = order.unitsBySku();
    // A repeat is looked for first, and again only after a commit met an existing document;
    // a lost race for stock alone does not need the extra reads.
    boolean lookForRepeat = true;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<Placement> repeat = lookForRepeat ? findRepeat(order) : Optional.empty();
      if (repeat.isPresent()) {
        return repeat.get();
      }
      ReservationPlan plan = plan(units, order);
      Placement planned = plan.toPlacement(order);
      WriteBatch batch = db.batch();
      Placement.StoredResponse response = writePlacement(batch, order, plan, planned, respond);
      try {
        batch.commit().get();
        metrics.placed(order, planned);
        return new Placement(
            planned.orderId(), planned.status(), planned.shortfalls(), false, response);
      } catch (ExecutionException e) {
        if (!Conflicts.isLostRace(e)) {
          throw new IllegalStateException(
              "placing order " + order.orderId() + " failed", e.getCause());
        }
        lookForRepeat = Conflicts.isAlreadyExists(e);
        metrics.conflict();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        "order " + order.orderId() + " lost " + MAX_ATTEMPTS + " races for stock; retry later");
  }

  private Optional<Placement> findRepeat(NewOrder order) {
    NewOrder.DedupeKey key = order.dedupeKey();
    if (key != null) {
      DocumentSnapshot marker =
          StockStore.await(db.collection(key.collection()).document(key.id()).get());
      if (marker.exists()) {
        return Optional.of(
            new Placement(
                marker.getString("order_id"),
                OrderStatus.valueOf(marker.getString("order_status")),
                List.of(),
                true,
                new Placement.StoredResponse(
                    marker.getLong("status").intValue(),
                    marker.getString("body"),
                    marker.getString("fingerprint"))));
      }
    }
    if (!order.alreadySold()) {
      return Optional.empty();
    }
    // Marketplace order ids are derived from the vendor's, so a redelivery under a new delivery
    // id (WooCommerce makes one per attempt) finds its order here.
    return find(order.orderId())
        .map(
            existing ->
                new Placement(
                    existing.orderId(), existing.status(), existing.shortfalls(), true, null));
  }

  /**
   * Which units the order takes: a ring-fenced marketplace's from its lot first (they were on its
   * copy), the rest from the shards of the pool.
   */
  private ReservationPlan plan(Map<String, Integer> units, NewOrder order) {
    boolean alreadySold = order.alreadySold();
    ReservationPlan plan = new ReservationPlan();
    for (Map.Entry<String, Integer> line : units.entrySet()) {
      int remaining = line.getValue();
      int available = 0;
      if (alreadySold) {
        LotTake lot = lotTake(line.getKey(), order.channel(), remaining);
        if (lot != null) {
          plan.lotTakes.put(line.getKey(), lot);
          remaining -= lot.units();
          available += lot.units();
        }
      }
      List<ShardUnits> shards =
          new ArrayList<>(remaining == 0 ? List.of() : stock.nonEmptyShards(line.getKey()));
      Collections.shuffle(shards, ThreadLocalRandom.current());
      for (ShardUnits shard : shards) {
        available += (int) shard.available();
        int take = (int) Math.min(remaining, shard.available());
        if (take > 0) {
          plan.take(shard, take);
          remaining -= take;
        }
      }
      if (remaining > 0) {
        plan.shortfall(line.getKey(), line.getValue(), available);
      }
    }
    if (!plan.shortfalls.isEmpty() && !alreadySold) {
      plan.takes.clear();
      plan.lotTakes.clear();
    }
    return plan;
  }

  /** Units of the channel's lot of this SKU the order takes; null when it has no lot left. */
  private LotTake lotTake(String sku, String channel, int wanted) {
    DocumentSnapshot skuDoc = StockStore.await(StockDocuments.sku(db, sku).get());
    if (!skuDoc.exists()) {
      return null;
    }
    ChannelAllocation allocation = StockStore.allocations(skuDoc).get(channel);
    if (allocation == null || allocation.remaining() == 0) {
      return null;
    }
    int shardCount = Math.max(1, (int) StockStore.longOf(skuDoc, SHARD_COUNT));
    return new LotTake(
        skuDoc,
        channel,
        allocation,
        (int) Math.min(wanted, allocation.remaining()),
        Integer.toString(ThreadLocalRandom.current().nextInt(shardCount)));
  }

  /**
   * Units an order takes from its channel's lot: they leave the lot ({@code sold}) and are held by
   * a shard's {@code reserved}, as any reservation's, so a release returns them to the pool.
   *
   * @param shard where the units are held when the order takes none from the pool
   */
  record LotTake(
      DocumentSnapshot skuDoc,
      String channel,
      ChannelAllocation allocation,
      int units,
      String shard) {}

  private Placement.StoredResponse writePlacement(
      WriteBatch batch,
      NewOrder order,
      ReservationPlan plan,
      Placement placement,
      Function<OrderView, Placement.StoredResponse> respond) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(settings.reservationTtl());
    List<Event> events = new ArrayList<>();
    Event cause = order.rawPayload();
    if (cause != null) {
      events.add(cause);
    }
    Event orderEvent = orderEvent(order, placement, expiresAt, cause);
    events.add(orderEvent);
    List<Map<String, Object>> reservations = new ArrayList<>();
    Map<String, Map<ShardUnits, Integer>> poolTakes = plan.bySku();
    java.util.Set<String> skus = new java.util.LinkedHashSet<>(poolTakes.keySet());
    skus.addAll(plan.lotTakes.keySet());
    for (String sku : skus) {
      Map<ShardUnits, Integer> fromPool = poolTakes.getOrDefault(sku, Map.of());
      LotTake lot = plan.lotTakes.get(sku);
      int fromLot = lot == null ? 0 : lot.units();
      int quantity = fromLot + fromPool.values().stream().mapToInt(Integer::intValue).sum();
      String reservationId = order.orderId() + ":" + sku;
      Map<String, Object> shardTakes = new HashMap<>();
      int lotUnitsToHold = fromLot;
      for (Map.Entry<ShardUnits, Integer> take : fromPool.entrySet()) {
        ShardUnits shard = take.getKey();
        batch.update(
            StockDocuments.shard(db, shard.sku(), shard.shard()),
            Map.of(
                AVAILABLE,
                shard.available() - take.getValue(),
                RESERVED,
                shard.reserved() + take.getValue() + lotUnitsToHold),
            Precondition.updatedAt(shard.updateTime()));
        shardTakes.put(shard.shard(), take.getValue() + lotUnitsToHold);
        lotUnitsToHold = 0;
      }
      if (lot != null) {
        if (lotUnitsToHold > 0) {
          batch.update(
              StockDocuments.shard(db, sku, lot.shard()),
              RESERVED,
              FieldValue.increment(lotUnitsToHold));
          shardTakes.put(lot.shard(), lotUnitsToHold);
        }
        // Conditional on the SKU document as read, so two orders never take the same lot unit.
        batch.update(
            StockDocuments.sku(db, sku),
            Precondition.updatedAt(lot.skuDoc().getUpdateTime()),
            FieldPath.of(StockDocuments.ALLOCATIONS, lot.channel(), "sold"),
            lot.allocation().sold() + fromLot);
      }
      reservations.add(OrderDocuments.reservation(reservationId, sku, quantity, shardTakes));
      events.add(
          EventBuilder.of(
                  StockReserved.newBuilder()
                      .setReservationId(reservationId)
                      .setOrderId(order.orderId())
                      .setSku(sku)
                      .setChannel(order.channel())
                      .setQuantity(quantity)
                      .setExpiresAt(expiresAt)
                      .build())
              .source(SOURCE)
              .causedBy(orderEvent)
              .build());
    }
    Map<String, Object> orderFields =
        OrderDocuments.fields(
            order,
            placement,
            reservations,
            expiresAt,
            placement.status().holdsStock() ? null : now.plus(settings.orderRetention()),
            orderEvent);
    batch.create(db.collection(OrderDocuments.ORDERS).document(order.orderId()), orderFields);
    Placement.StoredResponse response =
        respond.apply(OrderDocuments.view(order.orderId(), orderFields));
    events.forEach(e -> outbox.add(batch, e));
    NewOrder.DedupeKey key = order.dedupeKey();
    if (key != null) {
      Map<String, Object> marker = new HashMap<>();
      marker.put("order_id", order.orderId());
      marker.put("order_status", placement.status().name());
      marker.put("status", response.status());
      marker.put("body", response.body());
      marker.put("fingerprint", key.fingerprint());
      marker.put("created_at", FieldValue.serverTimestamp());
      batch.create(db.collection(key.collection()).document(key.id()), marker);
    }
    return response;
  }

  private static Event orderEvent(
      NewOrder order, Placement placement, Instant expiresAt, Event cause) {
    EventBuilder builder =
        switch (placement.status()) {
          case PLACED ->
              EventBuilder.of(
                  OrderPlaced.newBuilder()
                      .setOrderId(order.orderId())
                      .setChannel(order.channel())
                      .setChannelOrderId(order.channelOrderId())
                      .setLines(order.lines())
                      .setTotal(order.total())
                      .setCustomerEmail(order.customerEmail())
                      .setShipTo(order.shipTo())
                      .setReservationExpiresAt(expiresAt)
                      .build());
          case REJECTED ->
              EventBuilder.of(
                  OrderRejected.newBuilder()
                      .setOrderId(order.orderId())
                      .setChannel(order.channel())
                      .setReason(OrderRejectionReason.INSUFFICIENT_STOCK)
                      .setDetail(describe(placement.shortfalls()))
                      .setShortfalls(placement.shortfalls())
                      .build());
          case OVERSOLD ->
              EventBuilder.of(
                  OrderOversold.newBuilder()
                      .setOrderId(order.orderId())
                      .setChannel(order.channel())
                      .setChannelOrderId(order.channelOrderId())
                      .setShortfalls(placement.shortfalls())
                      .setOversoldUnits(oversoldUnits(placement.shortfalls()))
                      .build());
          default -> throw new IllegalStateException("a new order is never " + placement.status());
        };
    builder.source(SOURCE).id("order-" + order.orderId());
    if (cause != null) {
      builder.causedBy(cause);
    }
    return builder.build();
  }

  static int oversoldUnits(List<StockShortfall> shortfalls) {
    return shortfalls.stream().mapToInt(s -> s.getRequested() - s.getAvailable()).sum();
  }

  private static String describe(List<StockShortfall> shortfalls) {
    List<String> parts = new ArrayList<>();
    shortfalls.forEach(
        s ->
            parts.add(
                s.getSku()
                    + ": "
                    + s.getRequested()
                    + " requested, "
                    + s.getAvailable()
                    + " available"));
    return String.join("; ", parts);
  }

  /**
   * Releases an order's reservations (cancelled or expired). Idempotent: an order that holds no
   * stock any more is returned as it is.
   */
  public Optional<OrderView> release(String orderId, ReleaseReason reason) {
    return release(orderId, reason, "cancelled through order intake");
  }

  /** As {@link #release(String, ReleaseReason)}, saying why in the OrderCancelled event. */
  public Optional<OrderView> release(String orderId, ReleaseReason reason, String why) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      DocumentReference orderRef = db.collection(OrderDocuments.ORDERS).document(orderId);
      DocumentSnapshot orderDoc = StockStore.await(orderRef.get());
      if (!orderDoc.exists()) {
        return Optional.empty();
      }
      OrderView view = OrderDocuments.view(orderDoc);
      if (!view.status().holdsStock()) {
        return Optional.of(view);
      }
      WriteBatch batch = db.batch();
      OrderStatus released =
          reason == ReleaseReason.EXPIRED ? OrderStatus.EXPIRED : OrderStatus.CANCELLED;
      batch.update(
          orderRef,
          Map.of(
              "status",
              released.name(),
              OrderDocuments.PURGE_AT,
              OrderDocuments.purgeAt(clock.instant(), settings.orderRetention())),
          Precondition.updatedAt(orderDoc.getUpdateTime()));
      List<SkuQuantity> releasedUnits = new ArrayList<>();
      for (OrderView.Reservation reservation : view.reservations()) {
        releaseUnits(batch, reservation);
        releasedUnits.add(
            SkuQuantity.newBuilder()
                .setSku(reservation.sku())
                .setQuantity(reservation.quantity())
                .build());
        outbox.add(
            batch,
            EventBuilder.of(
                    ReservationReleased.newBuilder()
                        .setReservationId(reservation.reservationId())
                        .setOrderId(orderId)
                        .setSku(reservation.sku())
                        .setQuantity(reservation.quantity())
                        .setReason(reason)
                        .build())
                .id("released-" + reservation.reservationId())
                .source(SOURCE)
                .causedBy(view.eventId(), view.correlationId())
                .build());
      }
      if (reason == ReleaseReason.CANCELLED && !releasedUnits.isEmpty()) {
        outbox.add(
            batch,
            EventBuilder.of(
                    OrderCancelled.newBuilder()
                        .setOrderId(orderId)
                        .setChannel(view.channel())
                        .setReason(why)
                        .setReleased(releasedUnits)
                        .setCustomerEmail(view.customerEmail())
                        .build())
                .id("cancelled-" + orderId)
                .source(SOURCE)
                .causedBy(view.eventId(), view.correlationId())
                .build());
      }
      try {
        batch.commit().get();
        metrics.released(reason, releasedUnits);
        return Optional.of(view.withStatus(released));
      } catch (ExecutionException e) {
        if (!Conflicts.isLostRace(e)) {
          throw new IllegalStateException("releasing order " + orderId + " failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("releasing order " + orderId + " kept losing races");
  }

  /** Units go back to their shards, but first pay down any deficit the SKU carries. */
  private void releaseUnits(WriteBatch batch, OrderView.Reservation reservation) {
    DocumentReference skuRef = StockDocuments.sku(db, reservation.sku());
    DocumentSnapshot skuDoc = StockStore.await(skuRef.get());
    long deficit = Optional.ofNullable(skuDoc.getLong(DEFICIT)).orElse(0L);
    List<ShardUnits> shards = stock.shards(reservation.sku(), reservation.shards().keySet());
    for (ShardUnits shard : shards) {
      int quantity = reservation.shards().get(shard.shard());
      long payDown = Math.min(deficit, quantity);
      deficit -= payDown;
      batch.update(
          StockDocuments.shard(db, shard.sku(), shard.shard()),
          Map.of(
              AVAILABLE,
              shard.available() + quantity - payDown,
              RESERVED,
              shard.reserved() - quantity),
          Precondition.updatedAt(shard.updateTime()));
    }
    // Written even when unchanged, so the batch fails if the deficit moved since it was read.
    batch.update(skuRef, Map.of(DEFICIT, deficit), Precondition.updatedAt(skuDoc.getUpdateTime()));
  }

  /** Orders whose reservations have run out, oldest first. */
  public List<String> expiredOrders(int limit) {
    return StockStore.await(
            db.collection(OrderDocuments.ORDERS)
                .whereIn("status", List.of(OrderStatus.PLACED.name(), OrderStatus.OVERSOLD.name()))
                .whereLessThan("expires_at", Timestamp.of(java.util.Date.from(clock.instant())))
                .limit(limit)
                .get())
        .getDocuments()
        .stream()
        .map(DocumentSnapshot::getId)
        .toList();
  }

  public Optional<OrderView> find(String orderId) {
    DocumentSnapshot doc =
        StockStore.await(db.collection(OrderDocuments.ORDERS).document(orderId).get());
    return doc.exists() ? Optional.of(OrderDocuments.view(doc)) : Optional.empty();
  }

  /** Which units to take from which shard, and what is short. */
  static final class ReservationPlan {
    final Map<ShardUnits, Integer> takes = new LinkedHashMap<>();
    final Map<String, LotTake> lotTakes = new LinkedHashMap<>();
    final List<StockShortfall> shortfalls = new ArrayList<>();

    void take(ShardUnits shard, int units) {
      takes.put(shard, units);
    }

    void shortfall(String sku, int requested, int available) {
      shortfalls.add(
          StockShortfall.newBuilder()
              .setSku(sku)
              .setRequested(requested)
              .setAvailable(available)
              .build());
    }

    Map<String, Map<ShardUnits, Integer>> bySku() {
      Map<String, Map<ShardUnits, Integer>> bySku = new LinkedHashMap<>();
      takes.forEach(
          (shard, units) ->
              bySku.computeIfAbsent(shard.sku(), k -> new LinkedHashMap<>()).put(shard, units));
      return bySku;
    }

    Placement toPlacement(NewOrder order) {
      OrderStatus status =
          shortfalls.isEmpty()
              ? OrderStatus.PLACED
              : order.alreadySold() ? OrderStatus.OVERSOLD : OrderStatus.REJECTED;
      return new Placement(order.orderId(), status, List.copyOf(shortfalls), false, null);
    }
  }
}
