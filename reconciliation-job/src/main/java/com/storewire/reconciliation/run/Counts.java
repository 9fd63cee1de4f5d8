package com.storewire.reconciliation.run;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what a task does twice over: into its checkpoint, so a resumed task's report adds up to
 * one clean run's, and into Micrometer as {@code storewire.reconciliation.<name>} with tags, the
 * names a dashboard reads.
 */
public final class Counts {

  private final Checkpoint checkpoint;
  private final MeterRegistry meters;

  public Counts(Checkpoint checkpoint, MeterRegistry meters) {
    this.checkpoint = checkpoint;
    this.meters = meters;
  }

  /**
   * Adds to a counter; its checkpoint key is the name and the tag values joined by dots, e.g.
   * {@code differences.shopify.DRIFT} for ("differences", "channel", "shopify", "kind", "DRIFT").
   */
  public void add(String name, long amount, String... tags) {
    StringBuilder key = new StringBuilder(name);
    for (int i = 1; i < tags.length; i += 2) {
      key.append('.').append(tags[i]);
    }
    checkpoint.add(key.toString(), amount);
    meters.counter("storewire.reconciliation." + name, tags).increment(amount);
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }
}
