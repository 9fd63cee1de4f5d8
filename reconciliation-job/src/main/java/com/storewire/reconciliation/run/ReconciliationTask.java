package com.storewire.reconciliation.run;

import com.storewire.events.Event;
import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.orders.OrderRecovery;
import com.storewire.reconciliation.parked.ParkedRecovery;
import com.storewire.reconciliation.parked.ParkedReplay;
import com.storewire.reconciliation.stock.StockReconciliation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of a job execution, in three steps, each skipped when its checkpoint says it is done:
 * recover the orders of the marketplaces this task owns (orders first, so a recovered sale has
 * moved the truth before stock is compared), compare this task's share of SKUs on every
 * marketplace, then (task 0) deal with what is parked.
 */
public final class ReconciliationTask {

  private static final Logger LOG = LoggerFactory.getLogger(ReconciliationTask.class);

  private final TaskSettings task;
  private final OrderIntakeClient intake;
  private final List<Marketplace> marketplaces;
  private final CheckpointStore store;
  private final Consumer<Event> publish;
  private final ParkedReplay parked;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Long> callsCounted = new HashMap<>();
  private Instant lastSave;

  public ReconciliationTask(
      TaskSettings task,
      OrderIntakeClient intake,
      List<Marketplace> marketplaces,
      CheckpointStore store,
      Consumer<Event> publish,
      ParkedReplay parked,
      Clock clock,
      MeterRegistry meters) {
    this.task = task;
    this.intake = intake;
    this.marketplaces = marketplaces;
    this.store = store;
    this.publish = publish;
    this.parked = parked;
    this.clock = clock;
    this.meters = meters;
  }

  public RunReport run() throws Exception {
    lastSave = clock.instant();
    Checkpoint checkpoint = store.load(task);
    boolean resumed = !checkpoint.done().isEmpty() || checkpoint.stockStarted();
    Counts counts = new Counts(checkpoint, meters);
    Runnable save = () -> save(counts);
    DriftEvents events = new DriftEvents(publish, clock);
    if (resumed) {
      LOG.info(
          "task {} resumes attempt {} after {}",
          task.taskIndex(),
          task.attempt(),
          checkpoint.done());
    }

    OrderRecovery orders = new OrderRecovery(task, intake, store, events, counts, clock);
    for (int position = 0; position < marketplaces.size(); position++) {
      Marketplace marketplace = marketplaces.get(position);
      String step = "orders:" + marketplace.channel();
      if (!task.owns(position) || checkpoint.isDone(step)) {
        continue;
      }
      try {
        orders.recover(marketplace);
      } catch (RuntimeException e) {
        fail(counts, marketplace.channel(), "orders", e);
      }
      checkpoint.markDone(step);
      save.run();
    }

    if (!checkpoint.isDone("stock")) {
      new StockReconciliation(task, intake, marketplaces, events, counts, save, clock).run();
      checkpoint.markDone("stock");
      save.run();
    }

    if (task.taskIndex() == 0 && parked != null && !checkpoint.isDone("parked")) {
      new ParkedRecovery(task, parked, intake, events, counts).run();
      checkpoint.markDone("parked");
      save.run();
    }
    RunReport report =
        new RunReport(task.execution(), 1, task.dryRun(), resumed, checkpoint.counts());
    LOG.atInfo()
        .addKeyValue("reconciliation_report", checkpoint.counts())
        .log("reconciliation task {} of {} finished", task.taskIndex(), task.taskCount());
    return report;
  }

  private void fail(Counts counts, String channel, String step, RuntimeException e) {
    counts.add("failures", 1, "channel", channel, "step", step);
    LOG.atError()
        .addKeyValue("alert_vendor", channel)
        .addKeyValue("alert_operation", "reconciliation_" + step)
        .setCause(e)
        .log("reconciliation could not {} for {}: {}", step, channel, e.getMessage());
  }

  /** Folds the calls and time since the last save into the counts, then saves the checkpoint. */
  private synchronized void save(Counts counts) {
    for (Marketplace marketplace : marketplaces) {
      long now = marketplace.calls().calls();
      long before = callsCounted.getOrDefault(marketplace.channel(), 0L);
      counts.add("vendor_calls", now - before, "channel", marketplace.channel());
      callsCounted.put(marketplace.channel(), now);
    }
    long intakeCalls = intake.calls();
    counts.add("intake_calls", intakeCalls - callsCounted.getOrDefault("", 0L));
    callsCounted.put("", intakeCalls);
    Instant now = clock.instant();
    counts.add("elapsed_ms", Duration.between(lastSave, now).toMillis());
    lastSave = now;
    store.save(task, counts.checkpoint());
  }
}
