package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.ReleaseReason;
import com.storewire.events.ReservationReleased;
import com.storewire.intake.orders.ExpirySweeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class ExpiryTest extends IntakeTest {

  @Inject ExpirySweeper sweeper;
  @Inject Firestore db;
  @Inject MeterRegistry meters;

  @Override
  protected Map<String, String> extraProperties() {
    return RESERVATIONS_EXPIRE_AT_ONCE;
  }

  @Test
  void theSweeperReleasesExpiredReservationsAndSaysWhy() {
    seed("EXPIRE-1", 5, 2);
    String orderId = order("expire-1", orderBody("EXPIRE-1", 2)).json().get("order_id").asText();

    assertThat(sweeper.sweepOnce()).isEqualTo(1);
    assertThat(sweeper.sweepOnce()).isZero();

    assertThat(storefront(HttpRequest.GET("/v1/orders/" + orderId)).json().get("status").asText())
        .isEqualTo("EXPIRED");
    assertThat(stock.levels("EXPIRE-1").orElseThrow().available()).isEqualTo(5);
    List<Event> released =
        events(
            "stock-reservations--bigquery",
            e -> e.getType().equals(EventType.RESERVATION_RELEASED.ceType()),
            1);
    assertThat(((ReservationReleased) released.get(0).getData()).getReason())
        .isEqualTo(ReleaseReason.EXPIRED);
  }

  /**
   * Firestore's TTL policy (terraform: orders.purge_at) deletes an order only once it holds no
   * stock, a retention after it settled; an order holding stock has no purge time at all.
   */
  @Test
  void onlyASettledOrderGetsAPurgeTimeAndEachExpiryIsCounted() throws Exception {
    seed("EXPIRE-2", 5, 2);
    String orderId = order("expire-2", orderBody("EXPIRE-2", 1)).json().get("order_id").asText();
    DocumentReference doc = db.collection("orders").document(orderId);
    assertThat(doc.get().get().get("purge_at")).as("while it holds stock").isNull();
    double expiredBefore = meters.get("storewire.orders.expired").counter().count();

    Instant swept = Instant.now();
    assertThat(sweeper.sweepOnce()).isEqualTo(1);

    Instant purgeAt = doc.get().get().getTimestamp("purge_at").toDate().toInstant();
    assertThat(purgeAt)
        .isBetween(swept.plus(Duration.ofDays(90)), Instant.now().plus(Duration.ofDays(90)));
    assertThat(meters.get("storewire.orders.expired").counter().count())
        .isEqualTo(expiredBefore + 1);
    assertThat(Files.readString(Path.of("..", "terraform", "modules", "firestore", "main.tf")))
        .containsPattern("collection = \"orders\"\\s+field\\s+= \"purge_at\"\\s+ttl_config");
  }
}
