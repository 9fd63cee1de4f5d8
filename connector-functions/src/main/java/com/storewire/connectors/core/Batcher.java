package com.storewire.connectors.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Gathers an instance's concurrent deliveries into bulk calls of up to {@code maxBatch} items, one
 * call in flight at a time: what arrives during a call goes together in the next, so a vendor with
 * a tight request limit and a bulk endpoint (Logiwa: 1 request/s, 50 orders a call) keeps up with a
 * burst. Each item's future completes with its own failure, or null when the vendor took it.
 */
public final class Batcher<T> implements AutoCloseable {

  private record Pending<T>(T item, CompletableFuture<ItemFailure> done) {}

  private final int maxBatch;
  private final Function<List<T>, Map<T, ItemFailure>> send;
  private final ExecutorService sender = Executors.newSingleThreadExecutor();
  private final List<Pending<T>> waiting = new ArrayList<>();
  private boolean sending;

  /** {@code send} makes the bulk call and returns the failed items with why (absent: taken). */
  public Batcher(int maxBatch, Function<List<T>, Map<T, ItemFailure>> send) {
    this.maxBatch = maxBatch;
    this.send = send;
  }

  public CompletableFuture<ItemFailure> submit(T item) {
    CompletableFuture<ItemFailure> done = new CompletableFuture<>();
    synchronized (this) {
      waiting.add(new Pending<>(item, done));
      if (!sending) {
        sending = true;
        sender.execute(this::sendWhileWaiting);
      }
    }
    return done;
  }

  private void sendWhileWaiting() {
    while (true) {
      List<Pending<T>> batch;
      synchronized (this) {
        if (waiting.isEmpty()) {
          sending = false;
          return;
        }
        List<Pending<T>> next = waiting.subList(0, Math.min(maxBatch, waiting.size()));
        batch = new ArrayList<>(next);
        next.clear();
      }
      try {
        Map<T, ItemFailure> failures = send.apply(batch.stream().map(Pending::item).toList());
        batch.forEach(p -> p.done().complete(failures.get(p.item())));
      } catch (RuntimeException unexpected) {
        batch.forEach(p -> p.done().completeExceptionally(unexpected));
      }
    }
  }

  @Override
  public void close() {
    sender.shutdown();
  }
}
