package com.storewire.intake.stock;

import io.micronaut.serde.annotation.Serdeable;
import java.util.HashMap;
import java.util.Map;

/**
 * A marketplace's ring-fenced units of one SKU. A marketplace sells against its own copy of stock,
 * which lags the truth; with a shared quantity, every channel's stale copy can sell the same last
 * units. A ring-fenced channel instead holds lots of units that no other channel can take, and its
 * copy is written only when it gets a new lot, after it has sold out the last one. An absolute
 * quantity written while sales are in flight would hand those units out again (eBay, Amazon and
 * WooCommerce take only absolute quantities); written at zero, the channel's copy and the truth
 * agree exactly, so the write can never oversell. Such a SKU cannot be oversold on its
 * marketplaces, whatever their lag or faults: a channel that cannot be reached keeps at most its
 * lot.
 *
 * @param lot units granted at a time; a channel without a lot shares the pool
 * @param granted units granted since the channel was ring-fenced
 * @param sold units of those its orders took
 */
@Serdeable
public record ChannelAllocation(int lot, long granted, long sold) {

  static final String LOT = "lot";
  static final String GRANTED = "granted";
  static final String SOLD = "sold";

  /** Units the channel may still sell: what its copy shows once its orders have arrived. */
  public long remaining() {
    return Math.max(0, granted - sold);
  }

  Map<String, Object> fields() {
    return Map.of(LOT, lot, GRANTED, granted, SOLD, sold);
  }

  @SuppressWarnings("unchecked")
  static Map<String, ChannelAllocation> parse(Object raw) {
    Map<String, ChannelAllocation> allocations = new HashMap<>();
    if (raw instanceof Map<?, ?> byChannel) {
      ((Map<String, Map<String, Object>>) byChannel)
          .forEach(
              (channel, fields) ->
                  allocations.put(
                      channel,
                      new ChannelAllocation(
                          number(fields.get(LOT)).intValue(),
                          number(fields.get(GRANTED)).longValue(),
                          number(fields.get(SOLD)).longValue())));
    }
    return allocations;
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : 0;
  }
}
