package com.storewire.connectors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Collapses stock updates that arrive close together (concurrent invocations of one function
 * instance) into bulk calls: per SKU only the newest version goes out, and a batch goes when its
 * window ends, when it reaches the vendor's maximum, or at once for an urgent update (a channel
 * about to run out must not wait behind routine ones). Each update's future completes with the
 * failure its SKU met, or null when applied (or superseded by a newer version that was). The flush
 * function classifies a failed call into per-item failures itself.
 */
public final class Coalescer implements AutoCloseable {

  private record Pending(StockUpdate update, List<CompletableFuture<ItemFailure>> waiting) {}

  private final Duration window;
  private final int maxBatch;
  private final Function<List<StockUpdate>, Map<String, ItemFailure>> flush;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  /** The newest version the vendor accepted per SKU: an older one arriving late is dropped. */
  private final Map<String, Long> sentVersions = new java.util.HashMap<>();

  private final Object flushing = new Object();
  private ScheduledFuture<?> scheduled;

  public Coalescer(
      Duration window, int maxBatch, Function<List<StockUpdate>, Map<String, ItemFailure>> flush) {
    this.window = window;
    this.maxBatch = maxBatch;
    this.flush = flush;
  }

  public CompletableFuture<ItemFailure> submit(StockUpdate update, boolean urgent) {
    CompletableFuture<ItemFailure> result = new CompletableFuture<>();
    boolean flushNow;
    synchronized (this) {
      Long sent = sentVersions.get(update.sku());
      if (sent != null && sent >= update.version()) {
        result.complete(null); // superseded by a newer version the vendor already has
        return result;
      }
      Pending current = pending.get(update.sku());
      if (current != null && current.update().version() >= update.version()) {
        current.waiting().add(result); // an older or equal version: the newer one speaks for it
      } else {
        List<CompletableFuture<ItemFailure>> waiting =
            current == null ? new ArrayList<>() : current.waiting();
        waiting.add(result);
        pending.put(update.sku(), new Pending(update, waiting));
      }
      flushNow = urgent || pending.size() >= maxBatch;
      if (!flushNow && scheduled == null) {
        scheduled = timer.schedule(this::flushPending, window.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (flushNow) {
      flushPending();
    }
    return result;
  }

  /**
   * One flush at a time per instance, so that two versions of a SKU are never in flight together
   * and a late, older one is dropped against what the vendor already accepted.
   */
  private void flushPending() {
    synchronized (flushing) {
      List<Pending> batch = new ArrayList<>();
      synchronized (this) {
        for (Pending p : pending.values()) {
          Long accepted = sentVersions.get(p.update().sku());
          if (accepted != null && accepted >= p.update().version()) {
            p.waiting().forEach(f -> f.complete(null));
          } else {
            batch.add(p);
          }
        }
        pending.clear();
        if (scheduled != null) {
          scheduled.cancel(false);
          scheduled = null;
        }
      }
      for (int from = 0; from < batch.size(); from += maxBatch) {
        send(batch.subList(from, Math.min(batch.size(), from + maxBatch)));
      }
    }
  }

  private void send(List<Pending> chunk) {
    Map<String, ItemFailure> failures;
    try {
      failures = flush.apply(chunk.stream().map(Pending::update).toList());
    } catch (RuntimeException unexpected) {
      chunk.forEach(p -> p.waiting().forEach(f -> f.completeExceptionally(unexpected)));
      return;
    }
    for (Pending p : chunk) {
      ItemFailure failure = failures.get(p.update().sku());
      if (failure == null) {
        synchronized (this) {
          sentVersions.merge(p.update().sku(), p.update().version(), Math::max);
        }
      }
      p.waiting().forEach(f -> f.complete(failure));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
