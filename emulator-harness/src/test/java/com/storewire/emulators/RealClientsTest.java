package com.storewire.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Google's own Java clients against the emulators, as the services will use them. */
@WithEmulators
class RealClientsTest {

  @Test
  void publishAndPullWithThePubSubJavaClient(Emulators emulators, TestProject project)
      throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(emulators.pubsub().hostPort()).usePlaintext().build();
    TransportChannelProvider channels =
        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    NoCredentialsProvider noCredentials = NoCredentialsProvider.create();
    TopicName topic = TopicName.of(project.id(), "orders");
    SubscriptionName subscription = SubscriptionName.of(project.id(), "orders--test");
    try (TopicAdminClient topics =
            TopicAdminClient.create(
                TopicAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(noCredentials)
                    .build());
        SubscriptionAdminClient subscriptions =
            SubscriptionAdminClient.create(
                SubscriptionAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(noCredentials)
                    .build())) {
      topics.createTopic(topic);
      subscriptions.createSubscription(
          Subscription.newBuilder()
              .setName(subscription.toString())
              .setTopic(topic.toString())
              .setEnableMessageOrdering(true)
              .build());
    }

    Publisher publisher =
        Publisher.newBuilder(topic)
            .setChannelProvider(channels)
            .setCredentialsProvider(noCredentials)
            .setEnableMessageOrdering(true)
            .build();
    try {
      for (int i = 1; i <= 3; i++) {
        publisher
            .publish(
                PubsubMessage.newBuilder()
                    .setData(ByteString.copyFromUtf8("order-" + i))
                    .putAttributes("ce-type", "com.storewire.order.placed")
                    .setOrderingKey("SKU-1")
                    .build())
            .get(10, TimeUnit.SECONDS);
      }
    } finally {
      publisher.shutdown();
      publisher.awaitTermination(10, TimeUnit.SECONDS);
    }

    List<ReceivedMessage> received = new ArrayList<>();
    try (SubscriberStub subscriber =
        GrpcSubscriberStub.create(
            SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channels)
                .setCredentialsProvider(noCredentials)
                .build())) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (received.size() < 3 && Instant.now().isBefore(deadline)) {
        List<ReceivedMessage> batch =
            subscriber
                .pullCallable()
                .call(
                    PullRequest.newBuilder()
                        .setSubscription(subscription.toString())
                        .setMaxMessages(10)
                        .build())
                .getReceivedMessagesList();
        received.addAll(batch);
        if (!batch.isEmpty()) {
          subscriber
              .acknowledgeCallable()
              .call(
                  AcknowledgeRequest.newBuilder()
                      .setSubscription(subscription.toString())
                      .addAllAckIds(batch.stream().map(ReceivedMessage::getAckId).toList())
                      .build());
        }
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    assertThat(received)
        .extracting(m -> m.getMessage().getData().toStringUtf8())
        .containsExactly("order-1", "order-2", "order-3");
    assertThat(received)
        .allSatisfy(
            m ->
                assertThat(m.getMessage().getAttributesMap())
                    .containsEntry("ce-type", "com.storewire.order.placed"));
  }

  @Test
  void aFirestoreTransactionMovesStockAtomically(Emulators emulators, TestProject project)
      throws Exception {
    try (Firestore firestore = firestore(emulators, project)) {
      DocumentReference warehouse = firestore.collection("stock").document("warehouse");
      DocumentReference reserved = firestore.collection("stock").document("reserved");
      warehouse.set(Map.of("units", 10L)).get();
      reserved.set(Map.of("units", 0L)).get();

      firestore
          .runTransaction(
              tx -> {
                long available = tx.get(warehouse).get().getLong("units");
                tx.update(warehouse, "units", available - 3);
                tx.update(reserved, "units", 3L);
                return null;
              })
          .get(30, TimeUnit.SECONDS);

      assertThatThrownBy(
              () ->
                  firestore
                      .runTransaction(
                          tx -> {
                            tx.get(warehouse).get();
                            tx.update(warehouse, "units", 0L);
                            throw new IllegalStateException("buyer walked away");
                          })
                      .get(30, TimeUnit.SECONDS))
          .hasRootCauseMessage("buyer walked away");

      assertThat(warehouse.get().get().getLong("units")).isEqualTo(7L);
      assertThat(reserved.get().get().getLong("units")).isEqualTo(3L);
    }
  }

  static Firestore firestore(Emulators emulators, TestProject project) {
    return FirestoreOptions.newBuilder()
        .setProjectId(project.id())
        .setEmulatorHost(emulators.firestore().hostPort())
        .setCredentials(new FirestoreOptions.EmulatorCredentials())
        .build()
        .getService();
  }
}
