package com.storewire.connectors.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces calls by what the vendor says, not a fixed sleep: a Retry-After, a rate-limit reset, or
 * Shopify's bucket ({@code (cost − available) / restoreRate}) moves the next allowed call later.
 */
public final class Pacer {

  private final Clock clock;
  private Instant nextAllowed = Instant.EPOCH;

  public Pacer(Clock clock) {
    this.clock = clock;
  }

  /** Waits until the vendor's last word allows the next call. */
  public void await() throws InterruptedException {
    Duration wait;
    synchronized (this) {
      wait = Duration.between(clock.instant(), nextAllowed);
    }
    if (!wait.isNegative() && !wait.isZero()) {
      Thread.sleep(wait.toMillis());
    }
  }

  public synchronized void pauseFor(Duration wait) {
    Instant until = clock.instant().plus(wait);
    if (until.isAfter(nextAllowed)) {
      nextAllowed = until;
    }
  }
}
