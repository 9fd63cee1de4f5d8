package com.storewire.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.IntakeTest;
import com.storewire.intake.gcp.TopicPublishers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The relay runs only when the test says: the service's own relay is off here. */
@MicronautTest
class OutboxRelayTest extends IntakeTest {

  @Inject Firestore db;
  @Inject IntakeSettings settings;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("storewire.relay.enabled", "false");
  }

  private OutboxRelay relay(TopicPublishers publishers) {
    return new OutboxRelay(db, publishers, stock, settings, new SimpleMeterRegistry());
  }

  private TopicPublishers publishers() {
    return new TopicPublishers(project.id(), emulators.pubsub().hostPort());
  }

  @Test
  void aCrashBetweenPublishAndClearRepublishesWithTheSameIdsAndLosesNothing() throws Exception {
    seed("RELAY-1", 10, 2);
    Set<String> orderIds = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      orderIds.add(order("relay-" + i, orderBody("RELAY-1", 1)).json().get("order_id").asText());
    }
    assertThat(db.collection(Outbox.COLLECTION).get().get().size()).isGreaterThanOrEqualTo(10);

    // The first relay publishes, then "crashes" before clearing: its entries stay.
    TopicPublishers crashed = publishers();
    List<QueryDocumentSnapshot> published = relay(crashed).publishRound();
    crashed.close();
    assertThat(published).isNotEmpty();
    // A fresh relay (a restarted instance) drains everything, publishing those again.
    TopicPublishers restarted = publishers();
    OutboxRelay second = relay(restarted);
    while (second.drainOnce() > 0) {
      // drain until empty
    }
    restarted.close();

    assertThat(db.collection(Outbox.COLLECTION).get().get().isEmpty()).isTrue();
    List<Event> placed = events("orders--bigquery", e -> orderIds.contains(e.getSubject()), 10);
    assertThat(placed).hasSize(10);
    assertThat(placed.stream().map(e -> e.getSubject()).distinct())
        .containsExactlyInAnyOrderElementsOf(orderIds);
    assertThat(placed.stream().map(Event::getId).distinct()).hasSize(5);
    List<Event> reserved =
        events(
            "stock-reservations--bigquery",
            e ->
                e.getType().equals(EventType.STOCK_RESERVED.ceType())
                    && e.getSubject().equals("RELAY-1"),
            10);
    assertThat(reserved.stream().map(Event::getId).distinct()).hasSize(5);
  }

  @Test
  void eventsWaitInTheOutboxWhileNoRelayRuns() throws Exception {
    seed("RELAY-2", 3, 1);
    String orderId = order("relay-wait", orderBody("RELAY-2", 1)).json().get("order_id").asText();

    assertThat(db.collection(Outbox.COLLECTION).document("order-" + orderId).get().get().exists())
        .isTrue();
    TopicPublishers publishers = publishers();
    while (relay(publishers).drainOnce() > 0) {
      // drain until empty
    }
    publishers.close();

    assertThat(events("orders--bigquery", e -> e.getId().equals("order-" + orderId), 1)).hasSize(1);
  }

  @Test
  void onlyOneInstanceHoldsTheRelayLease() {
    RelayLease first = new RelayLease(db);
    RelayLease second = new RelayLease(db);

    assertThat(first.held()).isTrue();
    assertThat(second.held()).isFalse();
    assertThat(first.held()).isTrue();
  }

  /**
   * Instances of both deployments share the lease. One that found it held does not read it again
   * before it runs out, and takes it over as soon as it has: here the lease document is gone at
   * once, and the waiting instance notices only when the lease it saw would have lapsed.
   */
  @Test
  void anInstanceThatFoundTheLeaseHeldLooksAgainOnlyWhenItRunsOut() throws Exception {
    db.collection("relay_leases").document("outbox").delete().get();
    Instant start = Instant.now();
    RelayLease holder = new RelayLease(db, Clock.fixed(start, ZoneOffset.UTC));
    MovingClock waiting = new MovingClock(start);
    RelayLease other = new RelayLease(db, waiting);

    assertThat(holder.held()).isTrue();
    assertThat(other.held()).isFalse();
    db.collection("relay_leases").document("outbox").delete().get();
    waiting.now = start.plusSeconds(14);
    assertThat(other.held()).as("no read before the lease it saw runs out").isFalse();
    waiting.now = start.plusSeconds(16);
    assertThat(other.held()).as("taken over once it has").isTrue();
  }

  private static final class MovingClock extends Clock {
    volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
