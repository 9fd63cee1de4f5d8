package com.storewire.connectors.core;

import com.google.cloud.functions.CloudEventsFunction;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import io.cloudevents.CloudEvent;
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
 */
public abstract class StockFunction implements CloudEventsFunction {

  /** A channel at or below this many sellable units is updated at once, never batched. */
  static final int LOW_STOCK = 5;

  private final StockAdapter adapter;
  private final ConnectorCore core;
  private final Coalescer coalescer;
  private final ParkingLot parking;
  private final SubscriptionSpec subscription;

  protected StockFunction(StockAdapter adapter, Map<String, String> env, Clock clock, Pacer pacer) {
    this.adapter = adapter;
    this.core =
        new ConnectorCore(
            new AccessToken(adapter::refresh, clock),
            pacer,
            6,
            Duration.ofMillis(
                Long.parseLong(env.getOrDefault("STOREWIRE_FIRST_BACKOFF_MS", "200"))));
    this.coalescer =
        new Coalescer(
            Duration.ofMillis(Long.parseLong(env.getOrDefault("STOREWIRE_COALESCE_MS", "250"))),
            adapter.maxBatch(),
            this::applyBatch);
    this.parking = new ParkingLot(env.get("GOOGLE_CLOUD_PROJECT"), env.get("PUBSUB_EMULATOR_HOST"));
    this.subscription =
        Catalog.storewire().subscription("availability--" + adapter.channel()).orElseThrow();
  }

  @Override
  public final void accept(CloudEvent cloudEvent) throws Exception {
    PushedMessage message = PushedMessage.of(cloudEvent);
    if (message == null) {
      throw new IllegalArgumentException("not a Pub/Sub CloudEvent: " + cloudEvent.getId());
    }
    Event event;
    try {
      event = EventJson.decode(message.data());
    } catch (InvalidEventException e) {
      park(
          message,
          new ItemFailure(VendorFailure.permanent(null, "not a valid event: " + e.getMessage()), 0),
          null);
      return;
    }
    if (!(event.getData() instanceof AvailabilityChanged availability)
        || !adapter.channel().equals(availability.getChannel())) {
      return; // another channel's: not ours (subscription filters only save deliveries)
    }
    StockUpdate update =
        new StockUpdate(
            availability.getSku(),
            availability.getSellable(),
            availability.getStockVersion(),
            event.getId());
    ItemFailure failure =
        coalescer.submit(update, availability.getSellable() <= LOW_STOCK).get(5, TimeUnit.MINUTES);
    if (failure == null) {
      return;
    }
    if (failure.failure().kind() == VendorFailure.Kind.RETRYABLE) {
      parking.alert(
          adapter.vendor(),
          adapter.operation(),
          failure.failure(),
          failure.attempts(),
          event.getId());
      throw failure.failure();
    }
    park(message, failure, event.getId());
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

  private void park(PushedMessage message, ItemFailure failure, String eventId) {
    parking.park(
        message,
        subscription,
        adapter.vendor(),
        adapter.operation(),
        failure.failure(),
        failure.attempts());
    parking.alert(
        adapter.vendor(), adapter.operation(), failure.failure(), failure.attempts(), eventId);
  }
}
