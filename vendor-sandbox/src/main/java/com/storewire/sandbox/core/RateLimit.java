package com.storewire.sandbox.core;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** One vendor limit on bucket4j: a token/leaky bucket, or fixed windows that reset at once. */
public final class RateLimit {

  private final Bucket bucket;
  private final long capacity;

  private RateLimit(Bucket bucket, long capacity) {
    this.bucket = bucket;
    this.capacity = capacity;
  }

  /** Refills {@code perSecond} continuously up to {@code burst}: Amazon's rate and burst. */
  public static RateLimit tokenBucket(double perSecond, long burst) {
    long periodNanos = (long) (1_000_000_000L / perSecond);
    return new RateLimit(
        Bucket.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(burst)
                    .refillGreedy(1, Duration.ofNanos(periodNanos))
                    .build())
            .build(),
        burst);
  }

  /** {@code limit} per window, all restored when the window ends: ShipStation, Klaviyo, Logiwa. */
  public static RateLimit fixedWindow(long limit, Duration window) {
    return new RateLimit(
        Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, window).build())
            .build(),
        limit);
  }

  /** Two fixed windows at once, e.g. Klaviyo's burst (per second) and steady (per minute). */
  public static RateLimit burstAndSteady(long perSecond, long perMinute) {
    return new RateLimit(
        Bucket.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(perSecond)
                    .refillIntervally(perSecond, Duration.ofSeconds(1))
                    .build())
            .addLimit(
                Bandwidth.builder()
                    .capacity(perMinute)
                    .refillIntervally(perMinute, Duration.ofMinutes(1))
                    .build())
            .build(),
        perMinute);
  }

  public long capacity() {
    return capacity;
  }

  /** Takes {@code cost} units if available. */
  public Outcome take(long cost) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(cost);
    return new Outcome(
        probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
  }

  /** What is left without taking anything. */
  public long available() {
    return bucket.getAvailableTokens();
  }

  /**
   * @param waitNanos when refused, how long until {@code cost} units are back
   */
  public record Outcome(boolean allowed, long remaining, long waitNanos) {
    public long retryAfterSeconds() {
      return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
  }
}
