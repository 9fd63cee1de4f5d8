package com.storewire.intake.stock;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What one channel may advertise of a SKU, and why: the figures an AvailabilityChanged for the
 * channel carries. A channel sharing the pool gets on hand less reserved, safety stock, ring-fenced
 * units and its buffer; a ring-fenced channel gets what is left of its lot, with no buffer (its
 * copy counts down by itself, see {@link ChannelAllocation}).
 *
 * @param sellable units the channel's copy should show
 * @param buffer units held back from this channel (the SKU's own buffer, else the configured one)
 * @param ringFenced whether the channel sells from its own lots rather than the shared pool
 * @param lot the ring-fenced channel's lot size (units granted at a time); null when it shares
 */
@Serdeable
public record ChannelAvailability(
    long sellable,
    int buffer,
    @JsonProperty("ring_fenced") boolean ringFenced,
    @Nullable Integer lot) {

  /**
   * The channel's availability at this read.
   *
   * @param configuredBuffer the channel's buffer from settings, used when the SKU sets none
   */
  public static ChannelAvailability of(StockLevels levels, String channel, int configuredBuffer) {
    ChannelAllocation allocation = levels.allocations().get(channel);
    if (allocation != null) {
      return new ChannelAvailability(allocation.remaining(), 0, true, allocation.lot());
    }
    int buffer = levels.channelBuffers().getOrDefault(channel, configuredBuffer);
    return new ChannelAvailability(levels.sellable(channel, buffer), buffer, false, null);
  }
}
