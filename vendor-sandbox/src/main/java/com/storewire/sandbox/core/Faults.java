package com.storewire.sandbox.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The faults scripted for one vendor, drawn per request with seeded randomness so that a run
 * repeats. A fault lasts for a number of requests, for a time, or both, and hits each request with
 * a probability.
 */
public final class Faults {

  /** What can go wrong, as it goes wrong at the real vendors. */
  public enum Kind {
    /** The vendor's own throttle answer (429, or Shopify's THROTTLED). */
    THROTTLE,
    /** 500/502/503 in the vendor's error shape. */
    SERVER_ERROR,
    /** Added latency before an otherwise normal answer. */
    LATENCY,
    /** No answer until the client gives up. */
    TIMEOUT,
    /** The connection closes with no answer at all. */
    RESET,
    /** Some items of a bulk request rejected with the vendor's per-item error. */
    PARTIAL_BULK,
    /** A webhook never delivered: the order exists only in the marketplace's order API. */
    DROPPED_WEBHOOK,
    /** A webhook delivered twice. */
    DUPLICATE_WEBHOOK,
    /** Webhooks delivered in another order than they happened. */
    OUT_OF_ORDER_WEBHOOK,
    /** An unexpected field added to, or an expected one dropped from, a payload. */
    SCHEMA_DRIFT
  }

  /** A scripted fault: of a kind, for {@code requests} more requests or until {@code until}. */
  public record Fault(Kind kind, int requests, Instant until, double probability, long millis) {}

  private final Random random;
  private final Clock clock;
  private final List<Fault> active = new ArrayList<>();

  public Faults(long seed, Clock clock) {
    this.random = new Random(seed);
    this.clock = clock;
  }

  public synchronized void add(
      Kind kind, int requests, Duration duration, double probability, long millis) {
    Instant until = duration == null ? Instant.MAX : clock.instant().plus(duration);
    active.add(
        new Fault(kind, requests <= 0 ? Integer.MAX_VALUE : requests, until, probability, millis));
  }

  public synchronized void clear() {
    active.clear();
  }

  public synchronized List<Fault> active() {
    expire();
    return List.copyOf(active);
  }

  /** The fault of one of these kinds that hits this request, if any; it uses up one request. */
  public synchronized Optional<Fault> draw(Kind... kinds) {
    expire();
    for (int i = 0; i < active.size(); i++) {
      Fault fault = active.get(i);
      if (List.of(kinds).contains(fault.kind()) && random.nextDouble() < fault.probability()) {
        active.set(
            i,
            new Fault(
                fault.kind(),
                fault.requests() - 1,
                fault.until(),
                fault.probability(),
                fault.millis()));
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  /** A seeded choice, for faults that pick items (which bulk items fail). */
  public synchronized boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private void expire() {
    Instant now = clock.instant();
    active.removeIf(f -> f.requests() <= 0 || now.isAfter(f.until()));
  }
}
