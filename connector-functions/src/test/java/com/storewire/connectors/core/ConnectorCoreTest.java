package com.storewire.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.events.ConnectorAlertReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Recoveries are reported, so a fault the connector got over by itself is still seen. */
class ConnectorCoreTest {

  private record Recovery(ConnectorAlertReason reason, int attempts) {}

  private final List<Recovery> recoveries = new ArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final ConnectorCore core =
      new ConnectorCore(
          new AccessToken(
              () -> new AccessToken.Issued("t" + tokensIssued.incrementAndGet(), Instant.MAX),
              Clock.systemUTC()),
          new Pacer(Clock.systemUTC()),
          4,
          Duration.ofMillis(1),
          (failure, attempts) -> recoveries.add(new Recovery(failure.reason(), attempts)));

  @Test
  void aCallThatSucceedsAfterAThrottleIsReportedAsRecovered() {
    AtomicInteger calls = new AtomicInteger();

    String answer =
        core.call(
            token -> {
              if (calls.incrementAndGet() < 3) {
                throw VendorFailure.retryable(ConnectorAlertReason.RATE_LIMITED, 429, null, "slow");
              }
              return "done with " + token;
            });

    assertThat(answer).isEqualTo("done with t1");
    assertThat(recoveries).containsExactly(new Recovery(ConnectorAlertReason.RATE_LIMITED, 3));
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheRecoveryReported() {
    String answer =
        core.call(
            token -> {
              if (token.equals("t1")) {
                throw VendorFailure.auth(401, "token revoked");
              }
              return token;
            });

    assertThat(answer).isEqualTo("t2");
    assertThat(recoveries).containsExactly(new Recovery(ConnectorAlertReason.AUTH_EXPIRED, 2));
  }

  @Test
  void aCallThatSucceedsAtOnceOrNeverIsNoRecovery() {
    assertThat(core.<String>call(token -> "ok")).isEqualTo("ok");
    assertThatThrownBy(
            () ->
                core.call(
                    token -> {
                      throw VendorFailure.retryable(
                          ConnectorAlertReason.UNAVAILABLE, 503, null, "down");
                    }))
        .isInstanceOf(ConnectorCore.Exhausted.class);

    assertThat(recoveries).isEmpty();
  }
}
