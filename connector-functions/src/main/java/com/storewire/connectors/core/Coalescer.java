package com.storewire.connectors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Collapses stock updates that arrive close together (concurrent invocations of one function
 * instance) into bulk calls: per SKU only the newest version goes out. Two lanes, each with one
 * call in flight at a time:
 *
 * <ul>
 *   <li>routine: a batch goes when its window ends or when it reaches the vendor's maximum;
 *   <li>urgent (a channel about to run out): goes at once, never behind a window or a routine call;
 *       what arrives while one urgent call is in flight goes together in the next.
 * </ul>
 *
 * <p>The lanes run side by side, so an older version of a SKU can land at the vendor after a newer
 * one: when a call lands a version older than the newest the vendor already accepted, the newest is
 * sent again on the urgent lane (its delivery was acknowledged long ago, so a failure of that
 * repair goes to {@code unrepaired} to be alerted). When both lanes had a SKU in flight at once,
 * the order their answers come back in need not be the order the vendor applied them in, so once
 * the last of them is back the newest accepted version is sent again too. Each update's future
 * completes with the failure its SKU met, or null when applied (or superseded by a newer version
 * that was). The flush function classifies a failed call into per-item failures itself.
 */
public final class Coalescer implements AutoCloseable {

  private record Pending(StockUpdate update, List<CompletableFuture<ItemFailure>> waiting) {}

  private final int maxBatch;
  private final Function<List<StockUpdate>, Map<String, ItemFailure>> flush;
  private final BiConsumer<StockUpdate, ItemFailure> unrepaired;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Lane routine;
  private final Lane urgent;

  /** The newest version the vendor accepted per SKU: an older one arriving later is dropped. */
  private final Map<String, StockUpdate> newestAccepted = new HashMap<>();

  /** The version the vendor's copy holds per SKU: the last one a call landed. */
  private final Map<String, Long> vendorHolds = new HashMap<>();

  /** Calls in flight per SKU, and the SKUs that had two at once since they last had none. */
  private final Map<String, Integer> inFlight = new HashMap<>();

  private final java.util.Set<String> overlapped = new java.util.HashSet<>();

  public Coalescer(
      Duration routineWindow,
      int maxBatch,
      Function<List<StockUpdate>, Map<String, ItemFailure>> flush,
      BiConsumer<StockUpdate, ItemFailure> unrepaired) {
    this.maxBatch = maxBatch;
    this.flush = flush;
    this.unrepaired = unrepaired;
    this.routine = new Lane(routineWindow);
    this.urgent = new Lane(Duration.ZERO);
  }

  public CompletableFuture<ItemFailure> submit(StockUpdate update, boolean isUrgent) {
    CompletableFuture<ItemFailure> result = new CompletableFuture<>();
    Lane lane = isUrgent ? urgent : routine;
    boolean flushNow;
    synchronized (this) {
      if (alreadyHeld(update)) {
        result.complete(null); // superseded by a newer version the vendor already has
        return result;
      }
      lane.add(update, result);
      flushNow = isUrgent || lane.pending.size() >= maxBatch;
      if (!flushNow) {
        lane.scheduleFlush();
      }
    }
    if (flushNow) {
      lane.flush();
    }
    return result;
  }

  private boolean alreadyHeld(StockUpdate update) {
    Long held = vendorHolds.get(update.sku());
    return held != null && held >= update.version();
  }

  private final class Lane {

    private final Duration window;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Object flushing = new Object();
    private ScheduledFuture<?> scheduled;

    Lane(Duration window) {
      this.window = window;
    }

    /** Called holding the coalescer's lock. */
    void add(StockUpdate update, CompletableFuture<ItemFailure> result) {
      Pending current = pending.get(update.sku());
      if (current != null && current.update().version() >= update.version()) {
        current.waiting().add(result); // an older or equal version: the newer one speaks for it
        return;
      }
      List<CompletableFuture<ItemFailure>> waiting =
          current == null ? new ArrayList<>() : current.waiting();
      waiting.add(result);
      pending.put(update.sku(), new Pending(update, waiting));
    }

    /** Called holding the coalescer's lock. */
    void scheduleFlush() {
      if (scheduled == null) {
        scheduled = timer.schedule(this::flush, window.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    /**
     * One call in flight per lane, so that a lane never has two versions of a SKU out at once and
     * what queues meanwhile goes together in the next call.
     */
    void flush() {
      synchronized (flushing) {
        List<Pending> batch = new ArrayList<>();
        synchronized (Coalescer.this) {
          for (Pending p : pending.values()) {
            if (alreadyHeld(p.update())) {
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
  }

  private void send(List<Pending> chunk) {
    synchronized (this) {
      for (Pending p : chunk) {
        if (inFlight.merge(p.update().sku(), 1, Integer::sum) > 1) {
          overlapped.add(p.update().sku());
        }
      }
    }
    List<StockUpdate> overwritten = new ArrayList<>();
    try {
      land(chunk, overwritten);
    } finally {
      synchronized (this) {
        for (Pending p : chunk) {
          String sku = p.update().sku();
          if (inFlight.merge(sku, -1, Integer::sum) == 0) {
            inFlight.remove(sku);
            StockUpdate newest = newestAccepted.get(sku);
            if (overlapped.remove(sku) && newest != null && !overwritten.contains(newest)) {
              // Which of the overlapping calls the vendor applied last is unknown: say it again.
              vendorHolds.remove(sku);
              overwritten.add(newest);
            }
          }
        }
      }
      repair(overwritten);
    }
  }

  private void land(List<Pending> chunk, List<StockUpdate> overwritten) {
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
        StockUpdate landed = p.update();
        synchronized (this) {
          vendorHolds.put(landed.sku(), landed.version());
          StockUpdate newest = newestAccepted.get(landed.sku());
          if (newest == null || newest.version() < landed.version()) {
            newestAccepted.put(landed.sku(), landed);
          } else if (newest.version() > landed.version()) {
            overwritten.add(newest);
          }
        }
      }
      p.waiting().forEach(f -> f.complete(failure));
    }
  }

  private void repair(List<StockUpdate> overwritten) {
    for (StockUpdate newest : overwritten) {
      // The other lane's newer version landed first: restore it at once.
      submit(newest, true)
          .whenComplete(
              (failure, unexpected) -> {
                if (failure != null) {
                  unrepaired.accept(newest, failure);
                } else if (unexpected != null) {
                  unrepaired.accept(
                      newest,
                      new ItemFailure(VendorFailure.unexpected(null, unexpected.toString()), 1));
                }
              });
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
