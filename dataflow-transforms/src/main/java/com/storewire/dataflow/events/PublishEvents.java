package com.storewire.dataflow.events;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Publishes each event to the topic the catalog gives its type, as every Storewire publisher does:
 * the JSON encoding, the CloudEvents attributes from {@link EventRouting}, and the subject as
 * ordering key on the topics that keep one subject's events in order.
 */
public final class PublishEvents extends PTransform<PCollection<Event>, PDone> {

  /**
   * The Dataflow experiment a streaming pipeline that applies this transform needs: Dataflow's own
   * streaming Pub/Sub sink refuses ordering keys, so its runner refuses to translate the pipeline
   * unless Beam's sink, which publishes them, is asked for.
   */
  public static final String ORDERING_KEY_SINK_EXPERIMENT = "enable_custom_pubsub_sink";

  private final String project;

  private PublishEvents(String project) {
    this.project = project;
  }

  /** Topics in this Google Cloud project. */
  public static PublishEvents toCatalogTopics(String project) {
    return new PublishEvents(project);
  }

  /** Adds {@link #ORDERING_KEY_SINK_EXPERIMENT}; call it before the pipeline is created. */
  public static void publishWithOrderingKeysOnDataflow(PipelineOptions options) {
    ExperimentalOptions.addExperiment(
        options.as(ExperimentalOptions.class), ORDERING_KEY_SINK_EXPERIMENT);
  }

  @Override
  public PDone expand(PCollection<Event> events) {
    return events
        .apply("ToPubsubMessage", toMessages(project))
        .setCoder(RoutedMessageCoder.of())
        .apply("PublishToCatalogTopic", PubsubIO.writeMessagesDynamic().withOrderingKey());
  }

  /** The messages alone, so a test can see the topic, attributes and ordering key of each. */
  static MapElements<Event, PubsubMessage> toMessages(String project) {
    return MapElements.into(TypeDescriptor.of(PubsubMessage.class))
        .via(event -> message(project, event));
  }

  static PubsubMessage message(String project, Event event) {
    EventRouting routing = new EventRouting(Catalog.storewire());
    String orderingKey = routing.orderingKey(event);
    return new PubsubMessage(
            EventJson.encode(event),
            EventRouting.attributes(event),
            null,
            orderingKey.isEmpty() ? null : orderingKey)
        .withTopic("projects/" + project + "/topics/" + routing.topicOf(event).name());
  }
}
