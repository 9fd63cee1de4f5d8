package com.storewire.connectors.core;

import com.google.cloud.functions.CloudEventsFunction;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.Event;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every connector function does with a delivery before and after the vendor: unwrap the
 * Pub/Sub message from Eventarc's CloudEvent, decode the event (a message that is not one is parked
 * at once), and end failures where they are seen — parked and alerted when permanent, alerted and
 * thrown when transient (Pub/Sub redelivers that message and dead-letters it after the
 * subscription's attempts).
 */
public abstract class ConnectorFunction implements CloudEventsFunction, AutoCloseable {

  private final SystemId vendor;
  private final String operation;
  private final List<SubscriptionSpec> subscriptions;
  private final EventPublisher events;
  private final ParkingLot parking;

  protected ConnectorFunction(
      SystemId vendor, String operation, String subscription, Map<String, String> env) {
    this(vendor, operation, List.of(subscription), env);
  }

  /**
   * For a function deployed on several subscriptions (one trigger each): a failure is parked on the
   * dead-letter topic of the subscription that delivered it.
   */
  protected ConnectorFunction(
      SystemId vendor, String operation, List<String> subscriptions, Map<String, String> env) {
    this.vendor = vendor;
    this.operation = operation;
    this.subscriptions =
        subscriptions.stream()
            .map(name -> Catalog.storewire().subscription(name).orElseThrow())
            .toList();
    this.events = new EventPublisher(env);
    this.parking = new ParkingLot(events);
  }

  @Override
  public final void accept(CloudEvent cloudEvent) throws Exception {
    PushedMessage message = PushedMessage.of(cloudEvent);
    if (message == null) {
      throw new IllegalArgumentException("not a Pub/Sub CloudEvent: " + cloudEvent.getId());
    }
    if (!deliveredBy(message).filter().admits(message.attributes())) {
      return; // another subscription's message: the emulator ignores subscription filters
    }
    Event event;
    try {
      event = EventJson.decode(message.data());
    } catch (InvalidEventException e) {
      fail(
          message,
          null,
          null,
          new ItemFailure(
              VendorFailure.permanent(null, "not a valid event: " + e.getMessage()), 0));
      return;
    }
    ItemFailure failure = deliver(event);
    if (failure != null) {
      boolean refusedForGood = failure.failure().kind() == VendorFailure.Kind.PERMANENT;
      fail(message, event.getId(), refusedForGood ? compensatedOrder(event) : null, failure);
    }
  }

  private SubscriptionSpec deliveredBy(PushedMessage message) {
    String name = message.subscription().substring(message.subscription().lastIndexOf('/') + 1);
    return subscriptions.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElse(subscriptions.get(0));
  }

  /**
   * The order that cannot be fulfilled when the vendor refuses this event's side effect for good,
   * or null when the refusal leaves nothing half done (stock listings, marketing events).
   */
  protected String compensatedOrder(Event event) {
    return null;
  }

  /** Where the function's own events go (what it learned from the vendor). */
  protected final EventPublisher events() {
    return events;
  }

  /**
   * The core for this function's vendor calls: retries with backoff from {@code
   * STOREWIRE_FIRST_BACKOFF_MS}, and every recovery reported as a recovered alert.
   */
  protected final ConnectorCore newCore(AccessToken token, Pacer pacer, Map<String, String> env) {
    return new ConnectorCore(
        token,
        pacer,
        6,
        Duration.ofMillis(Long.parseLong(env.getOrDefault("STOREWIRE_FIRST_BACKOFF_MS", "200"))),
        (failure, attempts) -> parking.recovered(vendor, operation, failure, attempts));
  }

  /**
   * Alerts a failure met after the event's delivery was acknowledged (nothing left to park or
   * redeliver); reconciliation corrects what it left behind.
   */
  protected final void alertAfterDelivery(ItemFailure failure, String eventId) {
    parking.alert(vendor, operation, failure.failure(), failure.attempts(), eventId, null);
  }

  /** Delivers the event to the vendor; null when done (or not this function's to deliver). */
  protected abstract ItemFailure deliver(Event event) throws Exception;

  private void fail(
      PushedMessage message, String eventId, String compensateOrderId, ItemFailure failure) {
    parking.alert(
        vendor, operation, failure.failure(), failure.attempts(), eventId, compensateOrderId);
    if (failure.failure().kind() == VendorFailure.Kind.RETRYABLE) {
      throw failure.failure();
    }
    parking.park(
        message, deliveredBy(message), vendor, operation, failure.failure(), failure.attempts());
  }

  /** Flushes and closes the function's publishers; a host that outlives the function calls it. */
  @Override
  public void close() throws InterruptedException {
    events.close();
  }
}
