package com.storewire.intake.stock;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * One SKU's stock at one consistent read. The shards' units obey {@code available + reserved +
 * safety_stock = on_hand + deficit}, where deficit is stock promised beyond what is on hand (after
 * damage, or a safety stock above on-hand) and is paid down before any unit becomes available.
 *
 * @param nonEmptyShards shards that still have available units
 * @param allocations the ring-fenced channels' lots
 * @param version the read time in microseconds: grows with every read, so a consumer can drop an
 *     older level that arrives late
 * @param changedAt the latest update time of the SKU document and its shards: when its quantities
 *     last moved (a rebalance of units between shards moves it too, though no quantity changes)
 */
@Serdeable
public record StockLevels(
    String sku,
    long onHand,
    long reserved,
    long available,
    long safetyStock,
    long deficit,
    int shards,
    int nonEmptyShards,
    Map<String, Integer> channelBuffers,
    Map<String, ChannelAllocation> allocations,
    long version,
    Instant changedAt) {

  /**
   * True when units sit in too few shards for the configured count: buyers would crowd onto them,
   * so the units are spread out again.
   */
  public boolean drained() {
    return nonEmptyShards * 2 < Math.min(shards, available);
  }

  /**
   * What a channel may advertise: a ring-fenced channel its lot's remaining units; any other
   * on_hand − reserved − safety stock − ring-fenced units − its buffer, at least 0.
   */
  public long sellable(String channel, int channelBuffer) {
    ChannelAllocation allocation = allocations.get(channel);
    if (allocation != null) {
      return allocation.remaining();
    }
    return Math.max(0, onHand - reserved - safetyStock - ringFenced() - channelBuffer);
  }

  /**
   * What the channel may advertise and why, as its AvailabilityChanged carries it.
   *
   * @param configuredBuffer the channel's buffer from settings, used when the SKU sets none
   */
  public ChannelAvailability availability(String channel, int configuredBuffer) {
    return ChannelAvailability.of(this, channel, configuredBuffer);
  }

  /** Units granted to ring-fenced channels and not yet sold by them. */
  public long ringFenced() {
    return allocations.values().stream().mapToLong(ChannelAllocation::remaining).sum();
  }

  public boolean ringFences(String channel) {
    return allocations.containsKey(channel);
  }
}
