package com.storewire.localstack.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Requests spread over a function's instances as Cloud Run spreads them: each instance serves at
 * most {@code concurrency} at once, a request goes to the instance with the fewest in flight, and
 * when every instance is full the caller waits until one frees a slot (Cloud Run holds the request;
 * Pub/Sub push backs off). The instances are whatever the caller runs (function objects here, each
 * with its own state); nothing is sent over the network.
 */
public final class InstanceSpread<T> implements AutoCloseable {

  private final List<T> instances;
  private final int concurrency;
  private final int[] inFlight;
  private final int[] peak;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  public InstanceSpread(List<T> instances, int concurrency) {
    if (instances.isEmpty() || concurrency < 1) {
      throw new IllegalArgumentException("at least one instance, each taking at least one");
    }
    this.instances = List.copyOf(instances);
    this.concurrency = concurrency;
    this.inFlight = new int[instances.size()];
    this.peak = new int[instances.size()];
  }

  /**
   * Hands {@code request} to the least busy instance, waiting while all are full; the future
   * completes with its answer.
   */
  public <R> CompletableFuture<R> submit(Function<T, R> request) throws InterruptedException {
    int chosen = take();
    T instance = instances.get(chosen);
    CompletableFuture<R> answer = new CompletableFuture<>();
    threads.execute(
        () -> {
          try {
            answer.complete(request.apply(instance));
          } catch (RuntimeException | Error e) {
            answer.completeExceptionally(e);
          } finally {
            release(chosen);
          }
        });
    return answer;
  }

  /** The most requests each instance held at once so far. */
  public synchronized int[] peakInFlight() {
    return peak.clone();
  }

  private synchronized int take() throws InterruptedException {
    while (true) {
      int least = -1;
      for (int i = 0; i < inFlight.length; i++) {
        if (inFlight[i] < concurrency && (least < 0 || inFlight[i] < inFlight[least])) {
          least = i;
        }
      }
      if (least >= 0) {
        inFlight[least]++;
        peak[least] = Math.max(peak[least], inFlight[least]);
        return least;
      }
      wait();
    }
  }

  private synchronized void release(int instance) {
    inFlight[instance]--;
    notifyAll();
  }

  @Override
  public void close() {
    threads.shutdown();
  }
}
