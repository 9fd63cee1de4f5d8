package com.storewire.intake.orders;

import com.storewire.events.StockShortfall;
import java.util.List;

/**
 * What placing an order came to.
 *
 * @param repeat true when this answers a repeat of an earlier request (same idempotency key or
 *     webhook delivery); then nothing new was written
 * @param storedResponse the first answer to a repeated request, as it was sent
 */
public record Placement(
    String orderId,
    OrderStatus status,
    List<StockShortfall> shortfalls,
    boolean repeat,
    StoredResponse storedResponse) {

  /** An HTTP answer kept with an idempotency key. */
  public record StoredResponse(int status, String body, String fingerprint) {}
}
