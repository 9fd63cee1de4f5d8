package com.storewire.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.catalog.TopicSpec;
import com.storewire.emulators.PubSubRest.ReceivedMessage;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithEmulators
class CatalogProvisionerTest {

  @Test
  void everySubscriptionOfEveryTopicReceivesWhatTheTopicCarries(
      Emulators emulators, TestProject project) {
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    Catalog catalog = Catalog.storewire();
    EventRouting routing = new EventRouting(catalog);

    new CatalogProvisioner(pubsub, project.id()).provision(catalog);

    for (TopicSpec topic : catalog.topics()) {
      Event event = SampleEvents.of(topic.eventTypes().get(0));
      String key = routing.orderingKey(event);
      pubsub.publish(
          project.id(),
          topic.name(),
          EventJson.encode(event),
          EventRouting.attributes(event),
          key.isEmpty() ? null : key);
      for (SubscriptionSpec subscription : topic.subscriptions()) {
        List<ReceivedMessage> received = pullOne(pubsub, project.id(), subscription.name());
        assertThat(received).as(subscription.name()).hasSize(1);
        assertThat(EventJson.decode(received.get(0).data())).isEqualTo(event);
        assertThat(received.get(0).attributes()).containsEntry("ce-type", event.getType());
        assertThat(received.get(0).orderingKey()).isEqualTo(key);
      }
    }
  }

  private static List<ReceivedMessage> pullOne(PubSubRest pubsub, String project, String sub) {
    List<ReceivedMessage> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (received.isEmpty() && Instant.now().isBefore(deadline)) {
      received.addAll(pubsub.pull(project, sub, 1));
    }
    received.forEach(m -> pubsub.acknowledge(project, sub, List.of(m.ackId())));
    return received;
  }
}
