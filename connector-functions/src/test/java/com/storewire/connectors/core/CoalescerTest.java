package com.storewire.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coalescer against a vendor that is a map: what each call sets, in the order calls land. A
 * call whose batch holds a SKU in {@code blockedSkus} waits for {@code release} before it lands.
 */
class CoalescerTest {

  private final Map<String, Integer> vendor = new ConcurrentHashMap<>();
  private final List<List<String>> calls = new CopyOnWriteArrayList<>();
  private final List<String> blockedSkus = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<StockUpdate> unrepaired = new CopyOnWriteArrayList<>();
  private Coalescer coalescer;

  private Coalescer coalescer(Duration routineWindow) {
    coalescer =
        new Coalescer(
            routineWindow,
            100,
            batch -> {
              calls.add(batch.stream().map(StockUpdate::sku).toList());
              if (batch.stream().anyMatch(u -> blockedSkus.contains(u.sku()))) {
                await(release);
              }
              batch.forEach(u -> vendor.put(u.sku(), u.quantity()));
              return Map.of();
            },
            (update, failure) -> unrepaired.add(update));
    return coalescer;
  }

  @AfterEach
  void close() {
    release.countDown();
    coalescer.close();
  }

  @Test
  void routineUpdatesInOneWindowShareOneCallWithEachSkusNewestQuantity() throws Exception {
    Coalescer coalescer = coalescer(Duration.ofMillis(200));

    List<CompletableFuture<ItemFailure>> results =
        List.of(
            coalescer.submit(update("A", 30, 1, false), false),
            coalescer.submit(update("B", 40, 1, false), false),
            coalescer.submit(update("A", 25, 2, false), false));

    for (CompletableFuture<ItemFailure> result : results) {
      assertThat(result.get(5, TimeUnit.SECONDS)).isNull();
    }
    assertThat(calls).containsExactly(List.of("A", "B"));
    assertThat(vendor).containsEntry("A", 25).containsEntry("B", 40);
  }

  @Test
  void anUrgentUpdateWaitsNeitherForTheRoutineWindowNorBehindARoutineCallInFlight()
      throws Exception {
    Coalescer coalescer = coalescer(Duration.ofMillis(50));
    blockedSkus.add("SLOW");
    CompletableFuture<ItemFailure> routine = coalescer.submit(update("SLOW", 50, 1, false), false);
    waitUntil(() -> calls.size() == 1); // the routine call is in flight, and held there

    long start = System.nanoTime();
    ItemFailure urgent = coalescer.submit(update("HOT", 0, 1, true), true).get(2, TimeUnit.SECONDS);

    assertThat(urgent).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(vendor).containsEntry("HOT", 0).doesNotContainKey("SLOW");
    assertThat(routine).isNotDone();
    release.countDown();
    assertThat(routine.get(5, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void anOlderVersionThatLandsAfterANewerOneIsOverwrittenAgainWithTheNewest() throws Exception {
    Coalescer coalescer = coalescer(Duration.ofMillis(20));
    blockedSkus.add("TEE");
    CompletableFuture<ItemFailure> older = coalescer.submit(update("TEE", 12, 1, false), false);
    waitUntil(() -> calls.size() == 1);
    blockedSkus.clear();
    coalescer.submit(update("TEE", 2, 2, true), true).get(2, TimeUnit.SECONDS);
    assertThat(vendor).containsEntry("TEE", 2);

    release.countDown(); // version 1 lands last, putting back 12 units the channel no longer has
    older.get(5, TimeUnit.SECONDS);

    waitUntil(() -> calls.size() == 3);
    assertThat(vendor).containsEntry("TEE", 2);
    assertThat(unrepaired).isEmpty();
  }

  @Test
  void whenBothLanesHadASkuInFlightTheNewestIsSentAgainWhicheverAnswerCameBackFirst()
      throws Exception {
    // The urgent call (version 1) reaches the vendor last, but its answer comes back first.
    CountDownLatch urgentLands = new CountDownLatch(1);
    CountDownLatch routineAnswers = new CountDownLatch(1);
    coalescer =
        new Coalescer(
            Duration.ofMillis(20),
            100,
            batch -> {
              calls.add(batch.stream().map(StockUpdate::sku).toList());
              boolean urgentOne = batch.stream().anyMatch(StockUpdate::urgent);
              if (urgentOne && calls.size() == 1) {
                await(urgentLands);
              }
              batch.forEach(u -> vendor.put(u.sku(), u.quantity()));
              if (!urgentOne) {
                await(routineAnswers);
              }
              return Map.of();
            },
            (update, failure) -> unrepaired.add(update));
    // An urgent call goes out on the submitting thread, as on a delivery's.
    CompletableFuture<ItemFailure> urgent =
        CompletableFuture.supplyAsync(() -> coalescer.submit(update("CAP", 1, 1, true), true))
            .thenCompose(result -> result);
    waitUntil(() -> calls.size() == 1);
    CompletableFuture<ItemFailure> routine = coalescer.submit(update("CAP", 30, 2, false), false);
    waitUntil(() -> vendor.containsKey("CAP")); // version 2 is at the vendor, its answer held

    urgentLands.countDown();
    urgent.get(5, TimeUnit.SECONDS);
    assertThat(vendor).containsEntry("CAP", 1);
    routineAnswers.countDown();
    routine.get(5, TimeUnit.SECONDS);

    waitUntil(() -> calls.size() == 3);
    waitUntil(() -> vendor.get("CAP") == 30);
    assertThat(unrepaired).isEmpty();
  }

  @Test
  void anUpdateOlderThanWhatTheVendorHoldsIsDroppedWithoutACall() throws Exception {
    Coalescer coalescer = coalescer(Duration.ofMillis(20));
    coalescer.submit(update("MUG", 4, 7, true), true).get(2, TimeUnit.SECONDS);

    ItemFailure late = coalescer.submit(update("MUG", 9, 6, false), false).get(2, TimeUnit.SECONDS);

    assertThat(late).isNull();
    assertThat(calls).hasSize(1);
    assertThat(vendor).containsEntry("MUG", 4);
  }

  private static StockUpdate update(String sku, int quantity, long version, boolean urgent) {
    return new StockUpdate(sku, quantity, version, sku + "-" + version, urgent);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
