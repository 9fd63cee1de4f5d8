package com.storewire.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventSchema;
import com.storewire.events.EventType;
import com.storewire.events.samples.SampleEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest
  @CsvSource({"0,urgent", "5,urgent", "6,routine", "120,routine"})
  void aStockUpdateAtTheLowStockThresholdTakesThePriorityPath(int sellable, String urgency) {
    Event update = availability(sellable);

    Map<String, String> attributes = EventRouting.attributes(update);

    assertThat(attributes).containsEntry("urgency", urgency);
    SubscriptionSpec routine = Catalog.storewire().subscription("availability--amazon").get();
    SubscriptionSpec urgent = Catalog.storewire().subscription("availability--amazon-urgent").get();
    assertThat(urgent.filter().admits(attributes)).isEqualTo(urgency.equals("urgent"));
    assertThat(routine.filter().admits(attributes)).isEqualTo(urgency.equals("routine"));
  }

  @Test
  void onlyStockUpdatesCarryAnUrgency() {
    assertThat(EventRouting.attributes(SampleEvents.of(EventType.STOCK_RESERVED)))
        .doesNotContainKey("urgency");
  }

  private static Event availability(int sellable) {
    Event sample = SampleEvents.of(EventType.AVAILABILITY_CHANGED);
    AvailabilityChanged data =
        AvailabilityChanged.newBuilder((AvailabilityChanged) sample.getData())
            .setSellable(sellable)
            .build();
    return Event.newBuilder(sample).setData(data).build();
  }
}
