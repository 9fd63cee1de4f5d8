package com.storewire.intake.outbox;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.stock.ChannelAvailability;
import com.storewire.intake.stock.StockLevels;
import java.util.List;

/**
 * AvailabilityChanged per channel from one consistent read of a SKU's stock. Ring-fenced channels
 * get theirs only with a new lot ({@link #granted}): their copies count down by themselves.
 */
final class AvailabilityEvents {

  static final String SOURCE = "//storewire/order-intake";

  private AvailabilityEvents() {}

  static List<Event> of(StockLevels levels, IntakeSettings settings) {
    return settings.channels().stream()
        .filter(channel -> !levels.ringFences(channel))
        .map(
            channel -> {
              ChannelAvailability shared =
                  levels.availability(channel, settings.bufferFor(channel));
              return event(levels, channel, shared.buffer(), shared.sellable(), null);
            })
        .toList();
  }

  /**
   * A ring-fenced channel's new lot: the channel had sold out, so its copy goes from 0 to the lot.
   * It carries the version of the read the grant was planned from, later than any lot before.
   */
  static Event granted(StockLevels levels, String channel, long units) {
    return event(levels, channel, 0, units, clamp(units));
  }

  private static Event event(
      StockLevels levels, String channel, int buffer, long sellable, Integer lot) {
    AvailabilityChanged data =
        AvailabilityChanged.newBuilder()
            .setSku(levels.sku())
            .setChannel(channel)
            .setOnHand(clamp(levels.onHand()))
            .setReserved(clamp(levels.reserved()))
            .setSafetyStock(clamp(levels.safetyStock()))
            .setChannelBuffer(buffer)
            .setSellable(clamp(sellable))
            .setStockVersion(levels.version())
            .setRingFenced(clamp(levels.ringFenced()))
            .setLot(lot)
            .build();
    // Same SKU, channel and version: the same event, so a republish dedupes.
    return EventBuilder.of(data)
        .id("avail-" + levels.sku() + "-" + channel + "-" + levels.version())
        .source(SOURCE)
        .build();
  }

  private static int clamp(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }
}
