package com.storewire.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InstanceSpreadTest {

  @Test
  void aRequestGoesToTheLeastBusyInstanceAndWaitsWhileAllAreFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> served = new CopyOnWriteArrayList<>();
    try (InstanceSpread<String> spread = new InstanceSpread<>(List.of("a", "b"), 2)) {
      List<CompletableFuture<String>> held = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        held.add(
            spread.submit(
                instance -> {
                  served.add(instance);
                  await(release);
                  return instance;
                }));
      }
      // Both instances are full: a fifth request waits for a slot.
      CompletableFuture<String> fifth = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  spread.submit(instance -> instance).thenAccept(fifth::complete);
                } catch (InterruptedException e) {
                  fifth.completeExceptionally(e);
                }
              });
      caller.start();
      while (caller.getState() != Thread.State.WAITING
          && caller.getState() != Thread.State.TERMINATED) {
        Thread.onSpinWait();
      }
      assertThat(fifth).isNotDone();

      release.countDown();
      for (CompletableFuture<String> request : held) {
        request.get(5, TimeUnit.SECONDS);
      }
      assertThat(fifth.get(5, TimeUnit.SECONDS)).isIn("a", "b");
      assertThat(served).containsExactlyInAnyOrder("a", "b", "a", "b");
      assertThat(spread.peakInFlight()).containsExactly(2, 2);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
