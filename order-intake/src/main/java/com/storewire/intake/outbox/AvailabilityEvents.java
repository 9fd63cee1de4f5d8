package com.storewire.intake.outbox;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.stock.StockLevels;
import java.util.List;

/** AvailabilityChanged per channel from one consistent read of a SKU's stock. */
final class AvailabilityEvents {

  static final String SOURCE = "//storewire/order-intake";

  private AvailabilityEvents() {}

  static List<Event> of(StockLevels levels, IntakeSettings settings) {
    return settings.channels().stream()
        .map(
            channel -> {
              int buffer =
                  levels.channelBuffers().getOrDefault(channel, settings.bufferFor(channel));
              AvailabilityChanged data =
                  AvailabilityChanged.newBuilder()
                      .setSku(levels.sku())
                      .setChannel(channel)
                      .setOnHand(clamp(levels.onHand()))
                      .setReserved(clamp(levels.reserved()))
                      .setSafetyStock(clamp(levels.safetyStock()))
                      .setChannelBuffer(buffer)
                      .setSellable(clamp(levels.sellable(buffer)))
                      .setStockVersion(levels.version())
                      .build();
              // Same SKU, channel and version: the same event, so a republish dedupes.
              return EventBuilder.of(data)
                  .id("avail-" + levels.sku() + "-" + channel + "-" + levels.version())
                  .source(SOURCE)
                  .build();
            })
        .toList();
  }

  private static int clamp(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }
}
