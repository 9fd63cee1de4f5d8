package com.storewire.reconciliation.run;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How far a task got: the steps it finished, the next page of SKUs to compare, and every count so
 * far. Saved after each step and each page, so a task that dies is retried from here and its report
 * adds up to what one clean run reports.
 */
public final class Checkpoint {

  private final Set<String> done;
  private String nextStockPage;
  private boolean stockStarted;
  private final Map<String, Long> counts;

  public Checkpoint(
      Set<String> done, String nextStockPage, boolean stockStarted, Map<String, Long> counts) {
    this.done = new LinkedHashSet<>(done);
    this.nextStockPage = nextStockPage;
    this.stockStarted = stockStarted;
    this.counts = new TreeMap<>(counts);
  }

  public static Checkpoint fresh() {
    return new Checkpoint(Set.of(), null, false, Map.of());
  }

  public synchronized boolean isDone(String step) {
    return done.contains(step);
  }

  public synchronized void markDone(String step) {
    done.add(step);
  }

  public synchronized Set<String> done() {
    return Set.copyOf(done);
  }

  /** The page token to read next; null before the first page and after the last. */
  public synchronized String nextStockPage() {
    return nextStockPage;
  }

  public synchronized boolean stockStarted() {
    return stockStarted;
  }

  public synchronized void stockPageDone(String nextPageToken) {
    stockStarted = true;
    nextStockPage = nextPageToken;
  }

  public synchronized void add(String counter, long amount) {
    if (amount != 0) {
      counts.merge(counter, amount, Long::sum);
    }
  }

  public synchronized long count(String counter) {
    return counts.getOrDefault(counter, 0L);
  }

  public synchronized Map<String, Long> counts() {
    return new TreeMap<>(counts);
  }
}
