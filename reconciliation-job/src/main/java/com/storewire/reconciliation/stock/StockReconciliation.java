package com.storewire.reconciliation.stock;

import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import com.storewire.reconciliation.run.Counts;
import com.storewire.reconciliation.run.DriftEvents;
import com.storewire.reconciliation.run.Marketplace;
import com.storewire.reconciliation.run.TaskSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares every marketplace's copy of this task's SKUs with order-intake's truth. Each
 * marketplace's whole copy is read once with its bulk read; the truth is read page by page, and the
 * checkpoint is saved after each page. Drift is corrected by republishing the truth for the channel
 * (its connector writes it, within the vendor's limits); nothing is written to a vendor from here.
 */
public final class StockReconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(StockReconciliation.class);

  private final TaskSettings task;
  private final OrderIntakeClient intake;
  private final List<Marketplace> marketplaces;
  private final DriftEvents events;
  private final Counts counts;
  private final Runnable saveCheckpoint;
  private final Clock clock;

  public StockReconciliation(
      TaskSettings task,
      OrderIntakeClient intake,
      List<Marketplace> marketplaces,
      DriftEvents events,
      Counts counts,
      Runnable saveCheckpoint,
      Clock clock) {
    this.task = task;
    this.intake = intake;
    this.marketplaces = marketplaces;
    this.events = events;
    this.counts = counts;
    this.saveCheckpoint = saveCheckpoint;
    this.clock = clock;
  }

  /**
   * Runs the comparison from where the checkpoint left it. Returns the channels whose copy could
   * not be read (alerted, and left for the task's retry or the next run).
   */
  public List<String> run() {
    Map<String, Map<String, Integer>> copies = readCopies();
    List<String> unreadable =
        marketplaces.stream()
            .map(Marketplace::channel)
            .filter(c -> !copies.containsKey(c))
            .toList();
    String token = counts.checkpoint().nextStockPage();
    boolean pagesLeft = token != null || !counts.checkpoint().stockStarted();
    while (pagesLeft) {
      OrderIntakeClient.Page page =
          intake.page(task.taskIndex(), task.taskCount(), task.pageSize(), token);
      Instant now = clock.instant();
      for (SkuTruth truth : page.items()) {
        counts.add("skus_checked", 1);
        for (Map.Entry<String, Map<String, Integer>> copy : copies.entrySet()) {
          String channel = copy.getKey();
          Integer observed = copy.getValue().remove(truth.sku());
          if (truth.channels().containsKey(channel)) {
            Difference.of(truth, channel, observed, now, task.propagationWindow())
                .ifPresent(d -> handle(d, truth));
          }
        }
      }
      token = page.nextPageToken();
      pagesLeft = token != null;
      counts.add("pages", 1);
      counts.checkpoint().stockPageDone(token);
      saveCheckpoint.run();
    }
    // What is left was on no page of this attempt: unknown to order-intake, or on a page an
    // earlier attempt of this task already compared.
    copies.forEach(
        (channel, rest) -> {
          for (String sku : intake.unknown(rest.keySet())) {
            handle(Difference.unknownListing(channel, sku, rest.get(sku)), null);
          }
        });
    return unreadable;
  }

  private void handle(Difference difference, SkuTruth truth) {
    counts.add("differences", 1, "channel", difference.channel(), "kind", difference.kind().name());
    LOG.atInfo()
        .addKeyValue("reconciliation_channel", difference.channel())
        .addKeyValue("reconciliation_sku", difference.sku())
        .addKeyValue("reconciliation_kind", difference.kind().name())
        .addKeyValue("expected", difference.expected())
        .addKeyValue("observed", difference.observed())
        .log("stock difference");
    if (difference.kind() == DifferenceKind.STALE || task.dryRun()) {
      return;
    }
    String driftEventId = events.detected(difference, truth == null ? 0 : truth.version());
    if (difference.kind() == DifferenceKind.DRIFT) {
      events.corrected(difference, truth, driftEventId);
      counts.add("corrections", 1, "channel", difference.channel());
    }
  }

  /**
   * Every marketplace's copy of this task's SKUs, read concurrently (each vendor has its own
   * limits). A marketplace that cannot be read is alerted and left out.
   */
  private Map<String, Map<String, Integer>> readCopies() {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, marketplaces.size()));
    try {
      Map<String, Future<Map<String, Integer>>> reads = new LinkedHashMap<>();
      for (Marketplace marketplace : marketplaces) {
        reads.put(
            marketplace.channel(),
            pool.submit(() -> marketplace.reads().listings(marketplace.calls())));
      }
      Map<String, Map<String, Integer>> copies = new LinkedHashMap<>();
      for (Map.Entry<String, Future<Map<String, Integer>>> read : reads.entrySet()) {
        try {
          Map<String, Integer> mine = new HashMap<>();
          read.getValue()
              .get()
              .forEach(
                  (sku, quantity) -> {
                    if (task.owns(sku)) {
                      mine.put(sku, quantity);
                    }
                  });
          copies.put(read.getKey(), mine);
          counts.add("listings_read", mine.size(), "channel", read.getKey());
        } catch (ExecutionException e) {
          counts.add("failures", 1, "channel", read.getKey(), "step", "listings");
          LOG.atError()
              .addKeyValue("alert_vendor", read.getKey())
              .addKeyValue("alert_operation", "reconciliation_listings")
              .setCause(e.getCause())
              .log("could not read {}'s listings: {}", read.getKey(), e.getCause().getMessage());
        }
      }
      return copies;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
