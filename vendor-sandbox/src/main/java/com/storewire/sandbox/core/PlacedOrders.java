package com.storewire.sandbox.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every order a marketplace took, kept byte for byte as its order webhook carried it, whether or
 * not the webhook arrived: the vendor's order API answers from here, so an order whose webhook was
 * dropped can still be polled.
 */
public final class PlacedOrders {

  /** One order: the vendor's id, when the buyer placed it, and the webhook body. */
  public record Placed(long id, Instant createdAt, byte[] body) {}

  private static final Comparator<Placed> OLDEST_FIRST =
      Comparator.comparing(Placed::createdAt).thenComparingLong(Placed::id);

  private final List<Placed> orders = new ArrayList<>();

  public synchronized void add(long id, Instant createdAt, byte[] body) {
    orders.add(new Placed(id, createdAt, body.clone()));
  }

  /** Every order so far, oldest first (by creation, then id, as the vendors sort by date). */
  public synchronized List<Placed> oldestFirst() {
    List<Placed> sorted = new ArrayList<>(orders);
    sorted.sort(OLDEST_FIRST);
    return sorted;
  }
}
