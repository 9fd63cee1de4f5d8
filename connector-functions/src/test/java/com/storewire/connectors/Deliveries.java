package com.storewire.connectors;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.codec.EventJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/** What the functions receive in tests: events wrapped as Eventarc delivers Pub/Sub messages. */
final class Deliveries {

  private Deliveries() {}

  /** The CloudEvent Eventarc makes of a Pub/Sub message carrying {@code event}. */
  static CloudEvent pushed(Event event, String subscription) {
    String data =
        "{\"message\":{\"data\":\""
            + Base64.getEncoder().encodeToString(EventJson.encode(event))
            + "\",\"messageId\":\""
            + UUID.randomUUID()
            + "\",\"attributes\":{\"ce-type\":\""
            + event.getType()
            + "\"}},\"subscription\":\"projects/p/subscriptions/"
            + subscription
            + "\"}";
    return CloudEventBuilder.v1()
        .withId(UUID.randomUUID().toString())
        .withSource(URI.create("//pubsub.googleapis.com/projects/p/topics/any"))
        .withType("google.cloud.pubsub.topic.v1.messagePublished")
        .withTime(OffsetDateTime.now())
        .withData("application/json", data.getBytes(StandardCharsets.UTF_8))
        .build();
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
