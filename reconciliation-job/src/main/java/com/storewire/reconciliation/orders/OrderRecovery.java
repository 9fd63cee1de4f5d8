package com.storewire.reconciliation.orders;

import com.storewire.connectors.core.MarketplaceReads.PolledOrder;
import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.run.CheckpointStore;
import com.storewire.reconciliation.run.Counts;
import com.storewire.reconciliation.run.DriftEvents;
import com.storewire.reconciliation.run.Marketplace;
import com.storewire.reconciliation.run.TaskSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback for lost and late webhooks: polls a marketplace for the orders placed since its
 * watermark and hands each one order-intake has not seen to it, in the body the marketplace's
 * webhook carries. Order-intake dedupes by order id, so a recovered order that is then delivered by
 * the marketplace after all, or recovered twice, reserves stock once.
 */
public final class OrderRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(OrderRecovery.class);

  private final TaskSettings task;
  private final OrderIntakeClient intake;
  private final CheckpointStore store;
  private final DriftEvents events;
  private final Counts counts;
  private final Clock clock;

  public OrderRecovery(
      TaskSettings task,
      OrderIntakeClient intake,
      CheckpointStore store,
      DriftEvents events,
      Counts counts,
      Clock clock) {
    this.task = task;
    this.intake = intake;
    this.store = store;
    this.events = events;
    this.counts = counts;
    this.clock = clock;
  }

  public void recover(Marketplace marketplace) {
    String channel = marketplace.channel();
    Instant now = clock.instant();
    // Younger orders' webhooks may still be on their way: they are left to the next run, which
    // polls them again since the watermark never passes them.
    Instant settled = now.minus(task.propagationWindow());
    Instant since =
        store
            .watermark(channel)
            .map(w -> w.minus(task.orderOverlap()))
            .orElse(now.minus(task.firstOrderLookback()));
    List<PolledOrder> orders = marketplace.reads().ordersSince(marketplace.calls(), since);
    for (PolledOrder order : orders) {
      if (order.createdAt().isAfter(settled)) {
        counts.add("orders_in_flight", 1, "channel", channel);
        continue;
      }
      counts.add("orders_polled", 1, "channel", channel);
      String orderId = channel + "-" + order.orderId();
      if (intake.hasOrder(orderId)) {
        continue;
      }
      counts.add("orders_missing", 1, "channel", channel);
      LOG.atWarn()
          .addKeyValue("reconciliation_channel", channel)
          .addKeyValue("order_id", orderId)
          .addKeyValue("dry_run", task.dryRun())
          .log("order {} is at {} but not in order-intake", orderId, channel);
      if (task.dryRun()) {
        continue;
      }
      String receipt = intake.redeliver(channel, order.webhookBody());
      events.orderRecovered(channel, orderId, receipt);
      // Order-intake parks what it cannot reserve (an order the marketplace already shipped or
      // cancelled): kept for a person, and not counted as recovered.
      counts.add(
          "parked".equals(receipt) ? "orders_parked" : "orders_recovered", 1, "channel", channel);
    }
    if (!task.dryRun()) {
      store.advanceWatermark(channel, settled);
    }
  }
}
