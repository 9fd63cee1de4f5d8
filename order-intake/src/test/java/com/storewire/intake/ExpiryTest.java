package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.ReleaseReason;
import com.storewire.events.ReservationReleased;
import com.storewire.intake.orders.ExpirySweeper;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class ExpiryTest extends IntakeTest {

  @Inject ExpirySweeper sweeper;

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

    assertThat(call(HttpRequest.GET("/v1/orders/" + orderId)).json().get("status").asText())
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
}
