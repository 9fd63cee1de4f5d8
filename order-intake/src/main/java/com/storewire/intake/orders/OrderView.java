package com.storewire.intake.orders;

import com.storewire.events.StockShortfall;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An order as intake holds it: what the read API answers and what release works from. */
public record OrderView(
    String orderId,
    String channel,
    String channelOrderId,
    OrderStatus status,
    List<Line> lines,
    List<Reservation> reservations,
    List<StockShortfall> shortfalls,
    Instant expiresAt,
    String eventId,
    String correlationId,
    String customerEmail) {

  public record Line(String sku, int quantity, long unitPriceMinor, String currency) {}

  /** The units one SKU holds for the order, and from which shards they came. */
  public record Reservation(
      String reservationId, String sku, int quantity, Map<String, Integer> shards) {}

  OrderView withStatus(OrderStatus newStatus) {
    return new OrderView(
        orderId,
        channel,
        channelOrderId,
        newStatus,
        lines,
        reservations,
        shortfalls,
        expiresAt,
        eventId,
        correlationId,
        customerEmail);
  }
}
