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
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures go so that none is silent: the message is parked on its subscription's dead-letter
 * topic (from the catalog) with why, and a ConnectorAlert event is published; both are logged at
 * ERROR with fields a log-based metric counts ({@code alert_vendor}, {@code alert_reason}).
 */
public final class ParkingLot implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParkingLot.class);

  private final String project;
  private final ManagedChannel emulator;
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

  public ParkingLot(String project, String emulatorHost) {
    this.project = project;
    this.emulator =
        emulatorHost == null
            ? null
            : ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
  }

  /** Announces a failure; {@code failedEventId} names what was being delivered. */
  public void alert(
      SystemId vendor,
      String operation,
      VendorFailure failure,
      int attempts,
      String failedEventId) {
    Event alert =
        EventBuilder.of(
                ConnectorAlert.newBuilder()
                    .setVendor(vendor)
                    .setOperation(operation)
                    .setReason(failure.reason())
                    .setAttempt(Math.max(1, attempts))
                    .setHttpStatus(failure.httpStatus())
                    .setDetail(
                        failure.getMessage() == null ? failure.kind().name() : failure.getMessage())
                    .setFailedEventId(failedEventId)
                    .build())
            .source("//storewire/connector-functions/" + vendor.name().toLowerCase())
            .build();
    LOG.error(
        "connector alert alert_vendor={} alert_reason={} operation={} attempts={}: {}",
        vendor,
        failure.reason(),
        operation,
        attempts,
        failure.getMessage());
    publish(
        Catalog.storewire().topicFor(EventType.CONNECTOR_ALERT).name(),
        EventJson.encode(alert),
        EventRouting.attributes(alert));
  }

  /** Parks the message, as delivered, on the dead-letter topic of the subscription it came by. */
  public void park(
      PushedMessage message,
      SubscriptionSpec subscription,
      SystemId vendor,
      String operation,
      VendorFailure failure,
      int attempts) {
    Map<String, String> attributes = new HashMap<>(message.attributes());
    attributes.put("storewire-parked-vendor", vendor.name().toLowerCase());
    attributes.put("storewire-parked-operation", operation);
    attributes.put("storewire-parked-reason", failure.reason().name());
    attributes.put("storewire-parked-detail", String.valueOf(failure.getMessage()));
    attributes.put("storewire-parked-attempts", Integer.toString(attempts));
    attributes.put("storewire-parked-at", Instant.now().toString());
    attributes.put("storewire-parked-from", subscription.name());
    publish(subscription.deadLetterTopic(), message.data(), attributes);
  }

  private void publish(String topic, byte[] data, Map<String, String> attributes) {
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
      // The message is not acknowledged either: Pub/Sub redelivers it, so nothing is lost.
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
