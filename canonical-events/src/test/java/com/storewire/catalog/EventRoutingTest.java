package com.storewire.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.Event;
import com.storewire.events.EventSchema;
import com.storewire.events.EventType;
import com.storewire.events.samples.SampleEvents;
import org.junit.jupiter.api.Test;

class EventRoutingTest {

  private final EventRouting routing = new EventRouting(Catalog.storewire());

  @Test
  void stockEventsAreOrderedBySkuOnTheirTopic() {
    Event reserved = SampleEvents.of(EventType.STOCK_RESERVED);

    assertThat(routing.topicOf(reserved).name()).isEqualTo("stock-reservations");
    assertThat(routing.orderingKey(reserved)).isEqualTo("TEE-BLK-M");
  }

  @Test
  void unorderedTopicsGetNoOrderingKey() {
    Event alert = SampleEvents.of(EventType.CONNECTOR_ALERT);

    assertThat(routing.topicOf(alert).name()).isEqualTo("connector-alerts");
    assertThat(routing.orderingKey(alert)).isEmpty();
  }

  @Test
  void attributesCarryTheCloudEventsBinding() {
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);

    assertThat(EventRouting.attributes(placed))
        .containsEntry("ce-id", placed.getId())
        .containsEntry("ce-type", "com.storewire.order.placed")
        .containsEntry("ce-subject", "ord-1001")
        .containsEntry("ce-time", "2026-11-27T09:00:00.123Z")
        .containsEntry("schema-version", String.valueOf(EventSchema.CURRENT_VERSION));
  }
}
