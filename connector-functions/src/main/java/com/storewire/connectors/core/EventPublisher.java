package com.storewire.connectors.core;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes from a function and waits for Pub/Sub to take the message, so that a function only
 * acknowledges its delivery once what it produced is safe. Topics come from the catalog; the
 * emulator is used when {@code PUBSUB_EMULATOR_HOST} is set, as Google's clients do.
 */
public final class EventPublisher implements AutoCloseable {

  private final String project;
  private final ManagedChannel emulator;
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

  public EventPublisher(Map<String, String> env) {
    this.project = env.get("GOOGLE_CLOUD_PROJECT");
    String emulatorHost = env.get("PUBSUB_EMULATOR_HOST");
    this.emulator =
        emulatorHost == null
            ? null
            : ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
  }

  /** Publishes an event to its topic in the catalog, with its routing attributes. */
  public void publish(Event event) {
    publish(
        Catalog.storewire().topicFor(EventType.ofCeType(event.getType()).orElseThrow()).name(),
        EventJson.encode(event),
        EventRouting.attributes(event));
  }

  /** Publishes bytes as they are (a parked message keeps what was delivered). */
  public void publish(String topic, byte[] data, Map<String, String> attributes) {
    try {
      publishers
          .computeIfAbsent(topic, this::publisher)
          .publish(
              PubsubMessage.newBuilder()
                  .setData(ByteString.copyFrom(data))
                  .putAllAttributes(attributes)
                  .build())
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The delivery is not acknowledged either: Pub/Sub redelivers it, so nothing is lost.
      throw new IllegalStateException(
          "could not publish to " + topic + "; the message will be redelivered", e);
    }
  }

  private Publisher publisher(String topic) {
    try {
      Publisher.Builder builder = Publisher.newBuilder(TopicName.of(project, topic));
      if (emulator != null) {
        builder
            .setChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(emulator)))
            .setCredentialsProvider(NoCredentialsProvider.create());
      }
      return builder.build();
    } catch (IOException e) {
      throw new IllegalStateException("no publisher for " + topic, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Publisher publisher : publishers.values()) {
      publisher.shutdown();
      publisher.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (emulator != null) {
      emulator.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
