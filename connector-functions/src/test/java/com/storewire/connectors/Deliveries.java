package com.storewire.connectors;

import com.storewire.emulators.EventarcDelivery;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import io.cloudevents.CloudEvent;

/** What the functions receive in tests: events wrapped as Eventarc delivers Pub/Sub messages. */
final class Deliveries {

  private Deliveries() {}

  /** The CloudEvent Eventarc makes of a Pub/Sub message carrying {@code event}. */
  static CloudEvent pushed(Event event, String subscription) {
    return EventarcDelivery.of(event, "p", subscription);
  }

  /**
   * Pushed as Pub/Sub pushes with the catalog's filters: from whichever of the consumer's
   * subscriptions on the event's topic takes it (a stock function has a routine and an urgent one).
   */
  static CloudEvent delivered(Event event, String consumer) {
    return EventarcDelivery.toConsumer(event, "p", consumer);
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
