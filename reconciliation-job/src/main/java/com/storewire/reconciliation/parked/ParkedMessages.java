package com.storewire.reconciliation.parked;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The parked subscriptions through Google's Pub/Sub client (the emulator locally): pull what is
 * parked, republish it to the topic it first came on, acknowledge or put it back.
 */
public final class ParkedMessages implements AutoCloseable {

  /** One parked message and what is known of why, from either way of parking it. */
  public record Parked(
      String parkedSubscription,
      String ackId,
      PubsubMessage message,
      String vendor,
      String reason,
      String attempts,
      Instant parkedAt) {}

  private final String project;
  private final ManagedChannel channel;
  private final TransportChannelProvider channels;
  private final SubscriberStub subscriber;
  private final Map<String, Publisher> publishers = new HashMap<>();

  public ParkedMessages(String project, String emulatorHost) throws IOException {
    this.project = project;
    SubscriberStubSettings.Builder settings = SubscriberStubSettings.newBuilder();
    if (emulatorHost != null) {
      channel = ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
      channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
      settings
          .setTransportChannelProvider(channels)
          .setCredentialsProvider(NoCredentialsProvider.create());
    } else {
      channel = null;
      channels = null;
    }
    subscriber = GrpcSubscriberStub.create(settings.build());
  }

  public List<Parked> pull(String parkedSubscription, String consumerName, int max) {
    List<ReceivedMessage> received =
        subscriber
            .pullCallable()
            .call(
                PullRequest.newBuilder()
                    .setSubscription(SubscriptionName.of(project, parkedSubscription).toString())
                    .setMaxMessages(max)
                    .setReturnImmediately(true)
                    .build())
            .getReceivedMessagesList();
    return received.stream().map(r -> parked(parkedSubscription, consumerName, r)).toList();
  }

  /**
   * Parked by a function (with our attributes) or by Pub/Sub's dead-letter policy (with its own
   * CloudPubSubDeadLetterSource* attributes): the same fields either way.
   */
  private static Parked parked(
      String parkedSubscription, String consumerName, ReceivedMessage received) {
    Map<String, String> a = received.getMessage().getAttributesMap();
    String parkedAt = a.get("storewire-parked-at");
    Instant at =
        parkedAt != null
            ? Instant.parse(parkedAt)
            : Instant.ofEpochSecond(
                received.getMessage().getPublishTime().getSeconds(),
                received.getMessage().getPublishTime().getNanos());
    return new Parked(
        parkedSubscription,
        received.getAckId(),
        received.getMessage(),
        a.getOrDefault("storewire-parked-vendor", consumerName),
        a.getOrDefault(
            "storewire-parked-reason",
            a.containsKey("CloudPubSubDeadLetterSourceDeliveryCount")
                ? "MAX_DELIVERY_ATTEMPTS"
                : "UNKNOWN"),
        a.getOrDefault(
            "storewire-parked-attempts",
            a.getOrDefault("CloudPubSubDeadLetterSourceDeliveryCount", "?")),
        at);
  }

  /** Publishes the original message again to its topic, marked as a replay; consumers dedupe. */
  public void republish(Parked parked, String topic) throws Exception {
    Map<String, String> attributes = new HashMap<>(parked.message().getAttributesMap());
    attributes
        .keySet()
        .removeIf(
            k -> k.startsWith("storewire-parked-") || k.startsWith("CloudPubSubDeadLetterSource"));
    attributes.put("storewire-replayed-from", parked.parkedSubscription());
    PubsubMessage message =
        PubsubMessage.newBuilder()
            .setData(parked.message().getData())
            .putAllAttributes(attributes)
            .setOrderingKey(parked.message().getOrderingKey())
            .build();
    publisher(topic).publish(message).get(30, TimeUnit.SECONDS);
  }

  public void acknowledge(Parked parked) {
    subscriber
        .acknowledgeCallable()
        .call(
            AcknowledgeRequest.newBuilder()
                .setSubscription(
                    SubscriptionName.of(project, parked.parkedSubscription()).toString())
                .addAckIds(parked.ackId())
                .build());
  }

  /** Puts a message back at once, for a dry run or one the filters leave alone. */
  public void release(Parked parked) {
    subscriber
        .modifyAckDeadlineCallable()
        .call(
            ModifyAckDeadlineRequest.newBuilder()
                .setSubscription(
                    SubscriptionName.of(project, parked.parkedSubscription()).toString())
                .addAckIds(parked.ackId())
                .setAckDeadlineSeconds(0)
                .build());
  }

  private Publisher publisher(String topic) throws IOException {
    Publisher publisher = publishers.get(topic);
    if (publisher == null) {
      Publisher.Builder builder =
          Publisher.newBuilder(TopicName.of(project, topic)).setEnableMessageOrdering(true);
      if (channels != null) {
        builder.setChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create());
      }
      publisher = builder.build();
      publishers.put(topic, publisher);
    }
    return publisher;
  }

  @Override
  public void close() throws InterruptedException {
    for (Publisher publisher : publishers.values()) {
      publisher.shutdown();
      publisher.awaitTermination(10, TimeUnit.SECONDS);
    }
    subscriber.close();
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
