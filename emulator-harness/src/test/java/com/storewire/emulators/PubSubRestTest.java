package com.storewire.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithEmulators
class PubSubRestTest {

  @Test
  void aMessageNackedMaxAttemptsTimesIsDeadLetteredWithItsDeliveryCount(
      Emulators emulators, TestProject project) {
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    String p = project.id();
    pubsub.createTopic(p, "orders");
    pubsub.createTopic(p, "orders--dead-letter");
    pubsub.createSubscription(
        p,
        "orders--dead-letter--parked",
        "orders--dead-letter",
        new PubSubRest.SubscriptionSpec(60, false, null, 0, ""));
    pubsub.createSubscription(
        p,
        "orders--consumer",
        "orders",
        new PubSubRest.SubscriptionSpec(10, false, "orders--dead-letter", 5, ""));
    String id =
        pubsub.publish(
            p, "orders", "poison".getBytes(StandardCharsets.UTF_8), Map.of("k", "v"), null);

    // The emulator moves a message to the dead-letter topic on the pull after its last
    // attempt, so the consumer keeps pulling, as a real one would.
    List<Integer> attempts = new ArrayList<>();
    List<PubSubRest.ReceivedMessage> parked = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (parked.isEmpty() && Instant.now().isBefore(deadline)) {
      for (PubSubRest.ReceivedMessage message : pubsub.pull(p, "orders--consumer", 1)) {
        attempts.add(message.deliveryAttempt());
        pubsub.modifyAckDeadline(p, "orders--consumer", List.of(message.ackId()), 0);
      }
      parked.addAll(pubsub.pull(p, "orders--dead-letter--parked", 1));
    }

    assertThat(attempts).containsExactly(1, 2, 3, 4, 5);
    assertThat(parked).hasSize(1);
    assertThat(new String(parked.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("poison");
    assertThat(parked.get(0).attributes())
        .containsEntry("k", "v")
        .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5");
    assertThat(pubsub.pull(p, "orders--consumer", 1)).isEmpty();
    assertThat(id).isNotBlank();
  }

  @Test
  void projectsAreIsolatedAndFirestoreResetEmptiesOne(Emulators emulators) throws Exception {
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    TestProject first = TestProject.fresh();
    TestProject second = TestProject.fresh();
    pubsub.createTopic(first.id(), "only-in-first");

    assertThat(pubsub.listTopics(first.id())).containsExactly("only-in-first");
    assertThat(pubsub.listTopics(second.id())).isEmpty();

    try (Firestore firestore = RealClientsTest.firestore(emulators, first);
        Firestore other = RealClientsTest.firestore(emulators, second)) {
      firestore.collection("stock").document("a").set(Map.of("units", 1L)).get();
      other.collection("stock").document("a").set(Map.of("units", 2L)).get();

      new FirestoreRest(emulators.firestore().hostPort()).reset(first.id());

      assertThat(firestore.collection("stock").document("a").get().get().exists()).isFalse();
      assertThat(other.collection("stock").document("a").get().get().getLong("units"))
          .isEqualTo(2L);
    }
  }
}
