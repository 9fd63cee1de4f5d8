package com.storewire.connectors.core;

import java.time.Clock;
import java.time.Duration;

/**
 * This instance's part of a vendor's limit ({@link VendorLimit#perInstance}): a token bucket that
 * starts full. A call reserves its units and waits until they are there, in the order calls
 * reserved, so concurrent deliveries queue fairly; a call whose cost is known only from the answer
 * (Shopify reports it) settles the difference afterwards.
 */
public final class InstanceBudget {

  private final Clock clock;
  private final VendorLimit.Plan plan;
  private double available;
  private long lastMillis;

  public InstanceBudget(VendorLimit.Plan plan, Clock clock) {
    this.plan = plan;
    this.clock = clock;
    this.available = plan.burst();
    this.lastMillis = clock.millis();
  }

  /** For calls no documented limit covers. */
  public static InstanceBudget unlimited(Clock clock) {
    return new InstanceBudget(
        new VendorLimit.Plan(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), clock);
  }

  public VendorLimit.Plan plan() {
    return plan;
  }

  /** Takes {@code units} now and says how long to wait before spending them. */
  public synchronized Duration reserve(double units) {
    refill();
    available -= units;
    if (available >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-available / plan.perSecond() * 1e9));
  }

  /** Takes {@code units} if they are there now, without waiting. */
  public synchronized boolean tryTake(double units) {
    refill();
    if (available < units) {
      return false;
    }
    available -= units;
    return true;
  }

  /**
   * Corrects a reservation by what the call actually cost: {@code units} more (or, negative, fewer)
   * than were reserved.
   */
  public synchronized void settle(double units) {
    refill();
    available = Math.min(plan.burst(), available - units);
  }

  /** Reserves {@code units} and waits for them. */
  public void acquire(double units) {
    Duration wait = reserve(units);
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VendorFailure.unexpected(null, "interrupted while waiting for the vendor's budget");
    }
  }

  private void refill() {
    long now = clock.millis();
    if (now > lastMillis) {
      double restored = plan.perSecond() * (now - lastMillis) / 1000.0;
      available = Math.min(plan.burst(), available + restored);
      lastMillis = now;
    }
  }
}
