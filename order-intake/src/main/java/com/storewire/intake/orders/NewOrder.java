package com.storewire.intake.orders;

import com.storewire.events.Address;
import com.storewire.events.Event;
import com.storewire.events.Money;
import com.storewire.events.OrderLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order to reserve, from the storefront or a marketplace, already validated.
 *
 * @param channelOrderId the marketplace's order id; null for the storefront
 * @param alreadySold a marketplace order: it cannot be refused, only reserved or recorded as
 *     oversold
 * @param dedupeKey a document id that may exist only once (idempotency key or webhook delivery)
 * @param rawPayload the vendor's payload event to keep with the order, or null
 */
public record NewOrder(
    String orderId,
    String channel,
    String channelOrderId,
    List<OrderLine> lines,
    Money total,
    String customerEmail,
    Address shipTo,
    boolean alreadySold,
    DedupeKey dedupeKey,
    Event rawPayload) {

  /** Units per SKU: two lines of one SKU reserve together. */
  public Map<String, Integer> unitsBySku() {
    Map<String, Integer> units = new LinkedHashMap<>();
    lines.forEach(l -> units.merge(l.getSku(), l.getQuantity(), Integer::sum));
    return units;
  }

  /**
   * A marker that makes a repeat of the same request detectable in the same atomic commit.
   *
   * @param fingerprint what must match for a repeat to count as the same request
   */
  public record DedupeKey(String collection, String id, String fingerprint) {}
}
