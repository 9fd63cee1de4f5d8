package com.storewire.intake.orders;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.storewire.events.Event;
import com.storewire.events.OrderLine;
import com.storewire.events.StockShortfall;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code orders/{id}} document: the order, what it still holds reserved, what has shipped and
 * the event that began it.
 */
final class OrderDocuments {

  static final String ORDERS = "orders";

  /** The units the order still holds, per SKU: a shipment takes out what it consumed. */
  static final String RESERVATIONS = "reservations";

  /** Units shipped per SKU, over every shipment so far. */
  static final String SHIPPED = "shipped";

  /** The shipments applied, so one delivered again (under any event id) is not applied twice. */
  static final String SHIPMENT_IDS = "shipment_ids";

  /**
   * When Firestore's TTL policy may delete the order: set only once it holds no stock (settled), so
   * an order whose units are still reserved is never deleted under the sweeper and the reads.
   */
  static final String PURGE_AT = "purge_at";

  private OrderDocuments() {}

  static Map<String, Object> fields(
      NewOrder order,
      Placement placement,
      List<Map<String, Object>> reservations,
      Instant expiresAt,
      Instant purgeAt,
      Event orderEvent) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("channel", order.channel());
    fields.put("channel_order_id", order.channelOrderId());
    fields.put("customer_email", order.customerEmail());
    fields.put("status", placement.status().name());
    fields.put(
        "lines",
        order.lines().stream()
            .map(
                (OrderLine l) ->
                    Map.<String, Object>of(
                        "sku", l.getSku(),
                        "quantity", l.getQuantity(),
                        "unit_price_minor", l.getUnitPrice().getAmountMinor(),
                        "currency", l.getUnitPrice().getCurrency()))
            .toList());
    fields.put(RESERVATIONS, reservations);
    fields.put(
        "shortfalls",
        placement.shortfalls().stream()
            .map(
                s ->
                    Map.<String, Object>of(
                        "sku",
                        s.getSku(),
                        "requested",
                        s.getRequested(),
                        "available",
                        s.getAvailable()))
            .toList());
    fields.put("expires_at", Timestamp.of(Date.from(expiresAt)));
    if (purgeAt != null) {
      fields.put(PURGE_AT, Timestamp.of(Date.from(purgeAt)));
    }
    fields.put("event_id", orderEvent.getId());
    fields.put("correlation_id", orderEvent.getCorrelationId());
    fields.put("created_at", FieldValue.serverTimestamp());
    return fields;
  }

  static OrderView view(DocumentSnapshot doc) {
    return view(doc.getId(), doc.getData());
  }

  /** The view of a stored order, or of one about to be stored (the fields it will have). */
  @SuppressWarnings("unchecked")
  static OrderView view(String orderId, Map<String, Object> doc) {
    List<Map<String, Object>> lines = (List<Map<String, Object>>) doc.get("lines");
    List<Map<String, Object>> reservations = (List<Map<String, Object>>) doc.get(RESERVATIONS);
    List<Map<String, Object>> shortfalls = (List<Map<String, Object>>) doc.get("shortfalls");
    return new OrderView(
        orderId,
        (String) doc.get("channel"),
        (String) doc.get("channel_order_id"),
        OrderStatus.valueOf((String) doc.get("status")),
        lines.stream()
            .map(
                l ->
                    new OrderView.Line(
                        (String) l.get("sku"),
                        intOf(l.get("quantity")),
                        ((Number) l.get("unit_price_minor")).longValue(),
                        (String) l.get("currency")))
            .toList(),
        reservations.stream()
            .map(
                r -> {
                  Map<String, Integer> shards = new HashMap<>();
                  ((Map<String, Object>) r.get("shards"))
                      .forEach((k, v) -> shards.put(k, intOf(v)));
                  return new OrderView.Reservation(
                      (String) r.get("reservation_id"),
                      (String) r.get("sku"),
                      intOf(r.get("quantity")),
                      shards);
                })
            .toList(),
        shortfalls.stream()
            .map(
                s ->
                    StockShortfall.newBuilder()
                        .setSku((String) s.get("sku"))
                        .setRequested(intOf(s.get("requested")))
                        .setAvailable(intOf(s.get("available")))
                        .build())
            .toList(),
        ((Timestamp) doc.get("expires_at")).toDate().toInstant(),
        (String) doc.get("event_id"),
        (String) doc.get("correlation_id"),
        (String) doc.get("customer_email"));
  }

  /** The purge time of an order settled at {@code settledAt}: kept {@code retention} after. */
  static Timestamp purgeAt(Instant settledAt, Duration retention) {
    return Timestamp.of(Date.from(settledAt.plus(retention)));
  }

  /** One SKU's reservation as stored: how many units, and how many each shard holds. */
  static Map<String, Object> reservation(
      String reservationId, String sku, int quantity, Map<String, ?> shards) {
    return Map.of(
        "reservation_id", reservationId, "sku", sku, "quantity", quantity, "shards", shards);
  }

  /** Units shipped per SKU so far; empty before the first shipment. */
  @SuppressWarnings("unchecked")
  static Map<String, Integer> shipped(DocumentSnapshot doc) {
    Map<String, Integer> shipped = new HashMap<>();
    Map<String, Object> stored = (Map<String, Object>) doc.get(SHIPPED);
    if (stored != null) {
      stored.forEach((sku, units) -> shipped.put(sku, intOf(units)));
    }
    return shipped;
  }

  @SuppressWarnings("unchecked")
  static List<String> shipmentIds(DocumentSnapshot doc) {
    List<String> ids = (List<String>) doc.get(SHIPMENT_IDS);
    return ids == null ? List.of() : ids;
  }

  private static int intOf(Object value) {
    return ((Number) value).intValue();
  }
}
