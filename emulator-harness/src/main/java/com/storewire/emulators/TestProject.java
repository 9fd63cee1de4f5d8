package com.storewire.emulators;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Google project id no other test uses. Both emulators keep all state per project, so a fresh
 * project gives a test fresh topics, subscriptions and documents; it also sidesteps the Pub/Sub
 * emulator's dead streaming-pull streams, which stay attached to their subscription.
 */
public record TestProject(String id) {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  public static TestProject fresh() {
    return new TestProject(
        "sw-test-"
            + COUNTER.incrementAndGet()
            + "-"
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36));
  }
}
