package com.storewire.intake.gcp;

import com.google.api.core.ApiFuture;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One ordered {@link Publisher} per topic, created on first use. Topics come from the catalog at
 * run time, which is why this does not use a compile-time {@code @PubSubClient}.
 */
public final class TopicPublishers implements AutoCloseable {

  private final String project;
  private final ManagedChannel emulatorChannel;
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

  public TopicPublishers(String project, String emulatorHost) {
    this.project = project;
    this.emulatorChannel =
        emulatorHost == null
            ? null
            : ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
  }

  /** Publishes; a non-empty ordering key keeps messages with that key in publish order. */
  public ApiFuture<String> publish(
      String topic, byte[] data, Map<String, String> attributes, String orderingKey) {
    PubsubMessage.Builder message =
        PubsubMessage.newBuilder().setData(ByteString.copyFrom(data)).putAllAttributes(attributes);
    if (orderingKey != null && !orderingKey.isEmpty()) {
      message.setOrderingKey(orderingKey);
    }
    return publishers.computeIfAbsent(topic, this::create).publish(message.build());
  }

  /** After a failed publish, Pub/Sub pauses that ordering key until told to resume. */
  public void resume(String topic, String orderingKey) {
    Publisher publisher = publishers.get(topic);
    if (publisher != null && orderingKey != null && !orderingKey.isEmpty()) {
      publisher.resumePublish(orderingKey);
    }
  }

  private Publisher create(String topic) {
    try {
      Publisher.Builder builder =
          Publisher.newBuilder(TopicName.of(project, topic))
              .setEnableMessageOrdering(true)
              .setBatchingSettings(
                  BatchingSettings.newBuilder()
                      .setElementCountThreshold(100L)
                      .setRequestByteThreshold(1_000_000L)
                      .setDelayThresholdDuration(Duration.ofMillis(5))
                      .build());
      if (emulatorChannel != null) {
        builder
            .setChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(emulatorChannel)))
            .setCredentialsProvider(NoCredentialsProvider.create());
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a publisher for " + topic, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Publisher publisher : publishers.values()) {
      publisher.shutdown();
      publisher.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (emulatorChannel != null) {
      emulatorChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
