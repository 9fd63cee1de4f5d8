package com.storewire.connectors;

import com.storewire.connectors.core.PushedMessage;
import com.storewire.emulators.PushDelivery;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;

/**
 * What the functions receive in tests: events in the body a Pub/Sub push subscription posts, read
 * as the functions read it.
 */
final class Deliveries {

  private Deliveries() {}

  /** A Pub/Sub message carrying {@code event}, pushed from {@code subscription}. */
  static PushedMessage pushed(Event event, String subscription) {
    return read(PushDelivery.of(event, "p", subscription));
  }

  /**
   * Pushed as Pub/Sub pushes with the catalog's filters: from whichever of the consumer's
   * subscriptions on the event's topic takes it (a stock function has a routine and an urgent one).
   */
  static PushedMessage delivered(Event event, String consumer) {
    return read(PushDelivery.toConsumer(event, "p", consumer));
  }

  private static PushedMessage read(byte[] pushBody) {
    try {
      return PushedMessage.fromPushBody(pushBody);
    } catch (PushedMessage.NotAnEnvelope e) {
      throw new AssertionError("PushDelivery makes push envelopes", e);
    }
  }

  /** An AvailabilityChanged with nothing reserved or held back: sellable is on hand. */
  static Event availability(String channel, String sku, int sellable, long version) {
    return EventBuilder.of(
            AvailabilityChanged.newBuilder()
                .setSku(sku)
                .setChannel(channel)
                .setOnHand(sellable)
                .setReserved(0)
                .setSafetyStock(0)
                .setChannelBuffer(0)
                .setSellable(sellable)
                .setStockVersion(version)
                .build())
        .source("//storewire/order-intake")
        .build();
  }
}
