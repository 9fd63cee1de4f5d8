package com.storewire.connectors.core;

import com.storewire.catalog.EventRouting;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stock function every marketplace shares: AvailabilityChanged for its channel → the vendor's
 * quantity, through the adapter's bulk call, coalesced with the instance's concurrent invocations.
 * Never silent: a refused item is parked at once on the subscription's dead-letter topic and
 * alerted; an auth failure a refresh cannot fix is alerted on its first occurrence and parked; a
 * transient failure that outlasts the retries is alerted and thrown, so Pub/Sub redelivers only
 * that message and dead-letters it after the subscription's attempts.
 *
 * <p>Deployed on two subscriptions: the channel's routine updates, which wait in the adapter's
 * coalescing window, and its urgent ones (at the low-stock threshold or below, {@link
 * EventRouting#urgent}), which go out at once on their own lane.
 */
public abstract class StockFunction extends ConnectorFunction {

  private final StockAdapter adapter;
  private final ConnectorCore core;
  private final Coalescer coalescer;

  protected StockFunction(StockAdapter adapter, Map<String, String> env, Clock clock, Pacer pacer) {
    super(
        adapter.vendor(),
        adapter.operation(),
        List.of(
            "availability--" + adapter.channel(),
            "availability--" + adapter.channel() + "-" + EventRouting.URGENT),
        env);
    this.adapter = adapter;
    this.core = newCore(new AccessToken(adapter::refresh, clock), pacer, env);
    this.coalescer =
        new Coalescer(
            adapter.routineWindow(
                Duration.ofMillis(
                    Long.parseLong(env.getOrDefault("STOREWIRE_COALESCE_MS", "250")))),
            adapter.maxBatch(),
            this::applyBatch,
            (update, failure) -> alertAfterDelivery(failure, update.eventId()));
  }

  @Override
  protected final ItemFailure deliver(Event event) throws Exception {
    if (!(event.getData() instanceof AvailabilityChanged availability)
        || !adapter.channel().equals(availability.getChannel())) {
      return null; // another channel's: not ours (subscription filters only save deliveries)
    }
    StockUpdate update =
        new StockUpdate(
            availability.getSku(),
            availability.getSellable(),
            availability.getStockVersion(),
            event.getId(),
            EventRouting.urgent(availability));
    return coalescer.submit(update, update.urgent()).get(5, TimeUnit.MINUTES);
  }

  private Map<String, ItemFailure> applyBatch(List<StockUpdate> batch) {
    Map<String, ItemFailure> failures = new LinkedHashMap<>();
    int[] attempts = {0};
    try {
      Map<String, VendorFailure> refused =
          core.call(
              token -> {
                attempts[0]++;
                return adapter.apply(token, batch);
              });
      refused.forEach((sku, failure) -> failures.put(sku, new ItemFailure(failure, attempts[0])));
    } catch (ConnectorCore.Exhausted exhausted) {
      batch.forEach(
          u -> failures.put(u.sku(), new ItemFailure(exhausted.failure(), exhausted.attempts())));
    }
    return failures;
  }

  @Override
  public void close() throws InterruptedException {
    coalescer.close();
    super.close();
  }
}
