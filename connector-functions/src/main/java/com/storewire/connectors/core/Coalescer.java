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

  private void flushPending() {
    List<Pending> batch;
    synchronized (this) {
      batch = new ArrayList<>(pending.values());
      pending.clear();
      if (scheduled != null) {
        scheduled.cancel(false);
        scheduled = null;
      }
    }
    for (int from = 0; from < batch.size(); from += maxBatch) {
      List<Pending> chunk = batch.subList(from, Math.min(batch.size(), from + maxBatch));
      Map<String, ItemFailure> failures;
      try {
        failures = flush.apply(chunk.stream().map(Pending::update).toList());
      } catch (RuntimeException unexpected) {
        chunk.forEach(p -> p.waiting().forEach(f -> f.completeExceptionally(unexpected)));
        continue;
      }
      for (Pending p : chunk) {
        ItemFailure failure = failures.get(p.update().sku());
        p.waiting().forEach(f -> f.complete(failure));
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
