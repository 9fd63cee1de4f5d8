package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.availability;
import static com.storewire.connectors.Deliveries.delivered;
import static com.storewire.connectors.Deliveries.pushed;
import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.connectors.amazon.AmazonStockFunctionAccess;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.VendorLimit;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.Event;
import com.storewire.sandbox.core.Imitation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Amazon's two paths: routine updates share a JSON_LISTINGS_FEED, urgent ones are patched at once
 * on their own subscription without waiting for the feed's window.
 */
@WithEmulators
class AmazonStockFunctionTest extends SandboxedFunctionTest {

  private Imitation amazon() {
    return sandbox.imitation("amazon");
  }

  private ConnectorFunction function(
      Emulators emulators, TestProject project, String feedWindowMs) {
    return AmazonStockFunctionAccess.create(
        env(emulators, project, Map.of("AMAZON_FEED_WINDOW_MS", feedWindowMs)));
  }

  @Test
  void aRoutineBurstGoesAsOneFeedAndEveryListingEndsAtItsQuantity(
      Emulators emulators, TestProject project) throws Exception {
    for (int i = 0; i < 12; i++) {
      amazon().inventory().set("A-" + i, 0);
    }
    ConnectorFunction function = function(emulators, project, "500");
    long callsBefore = amazon().requests();
    List<Event> burst = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      burst.add(availability("amazon", "A-" + i, 30 + i, 1));
    }

    deliverTogether(function, burst);

    for (int i = 0; i < 12; i++) {
      assertThat(amazon().inventory().get("A-" + i)).isEqualTo(30 + i);
    }
    assertThat(amazon().inventory().received().get("JSON_LISTINGS_FEED")).hasSize(12);
    assertThat(amazon().inventory().received()).doesNotContainKey("patchListingsItem");
    // Token, createFeedDocument, upload, createFeed, getFeed ×2, report document, report.
    assertThat(amazon().requests() - callsBefore).isLessThanOrEqualTo(8);
    assertThat(
            new PubSubRest(emulators.pubsub().hostPort())
                .pull(project.id(), "connector-alerts--bigquery", 10))
        .isEmpty();
  }

  @Test
  void pastItsPartOfAmazonsFeedQuotaABatchIsPatchedItemByItem(
      Emulators emulators, TestProject project) throws Exception {
    // 5 feeds in any 5 minutes, createFeed 0.0083/s: one instance may send 3 at once.
    int feeds = (int) VendorLimit.AMAZON_LISTINGS_FEEDS.perInstance(1, 1).burst();
    ConnectorFunction function = function(emulators, project, "300");
    for (int round = 1; round <= 6; round++) {
      List<Event> burst = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        amazon().inventory().set("Q-" + i, 0);
        burst.add(availability("amazon", "Q-" + i, 10 * round + i, round));
      }
      deliverTogether(function, burst);
    }

    for (int i = 0; i < 6; i++) {
      assertThat(amazon().inventory().get("Q-" + i)).isEqualTo(60 + i);
    }
    assertThat(amazon().inventory().received().get("JSON_LISTINGS_FEED")).hasSize(feeds * 6);
    assertThat(amazon().inventory().received().get("patchListingsItem")).hasSize((6 - feeds) * 6);
  }

  @Test
  void anUrgentUpdateIsPatchedAtOnceWhileRoutineOnesWaitForTheFeedWindow(
      Emulators emulators, TestProject project) throws Exception {
    amazon().inventory().set("SLOW-1", 0);
    amazon().inventory().set("HOT-1", 9);
    ConnectorFunction function = function(emulators, project, "4000");
    CompletableFuture<Void> routine =
        CompletableFuture.runAsync(
            () -> {
              try {
                function.handle(delivered(availability("amazon", "SLOW-1", 40, 1), "amazon"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    long start = System.nanoTime();
    function.handle(delivered(availability("amazon", "HOT-1", 0, 1), "amazon"));
    Duration urgentTook = Duration.ofNanos(System.nanoTime() - start);

    assertThat(amazon().inventory().get("HOT-1")).isZero();
    assertThat(urgentTook).isLessThan(Duration.ofSeconds(2));
    assertThat(routine).isNotDone();
    assertThat(amazon().inventory().get("SLOW-1")).isZero();
    routine.get(15, TimeUnit.SECONDS);
    assertThat(amazon().inventory().get("SLOW-1")).isEqualTo(40);
  }

  @Test
  void aRoutineUpdateDeliveredFromTheUrgentSubscriptionIsLeftToTheRoutineOne(
      Emulators emulators, TestProject project) throws Exception {
    // Production's filter keeps routine updates off the urgent subscription; the emulator ignores
    // filters and delivers everything to both, so the function applies the filter itself.
    amazon().inventory().set("BOTH-1", 0);
    ConnectorFunction function = function(emulators, project, "200");
    long callsBefore = amazon().requests();

    function.handle(pushed(availability("amazon", "BOTH-1", 25, 1), "availability--amazon-urgent"));

    assertThat(amazon().requests()).isEqualTo(callsBefore);
    assertThat(amazon().inventory().get("BOTH-1")).isZero();
    function.handle(pushed(availability("amazon", "BOTH-1", 25, 1), "availability--amazon"));
    assertThat(amazon().inventory().get("BOTH-1")).isEqualTo(25);
  }

  /** Delivers the events concurrently, as Pub/Sub pushes a backlog, and waits for every one. */
  private static void deliverTogether(ConnectorFunction function, List<Event> events)
      throws Exception {
    ExecutorService invocations = Executors.newFixedThreadPool(events.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Event event : events) {
        done.add(
            invocations.submit(
                () -> {
                  function.handle(delivered(event, "amazon"));
                  return null;
                }));
      }
      for (Future<?> delivery : done) {
        delivery.get();
      }
    } finally {
      invocations.shutdown();
    }
  }
}
