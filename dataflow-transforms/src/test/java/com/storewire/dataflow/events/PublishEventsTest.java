package com.storewire.dataflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.TopicSpec;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/** Every event type goes to the catalog's topic for it, as JSON with the CloudEvents attributes. */
public class PublishEventsTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void eachEventGoesToItsCatalogTopicWithAttributesAndOrderingKey() {
    List<Event> events = Arrays.stream(EventType.values()).map(SampleEvents::of).toList();
    PCollection<PubsubMessage> messages =
        pipeline
            .apply(Create.of(events).withCoder(EventCoder.of()))
            .apply(PublishEvents.toMessages("storewire-test"))
            .setCoder(RoutedMessageCoder.of());

    PAssert.that(messages)
        .satisfies(
            published -> {
              assertThat(published).hasSize(events.size());
              for (PubsubMessage message : published) {
                Event event = EventJson.decode(message.getPayload());
                TopicSpec topic =
                    Catalog.storewire().topicFor(EventType.ofPayload(event.getData()));
                assertThat(message.getTopic())
                    .isEqualTo("projects/storewire-test/topics/" + topic.name());
                assertThat(message.getAttributeMap())
                    .containsEntry("ce-id", event.getId())
                    .containsEntry("ce-type", event.getType());
                assertThat(message.getOrderingKey())
                    .isEqualTo(topic.orderedBySubject() ? event.getSubject() : null);
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
