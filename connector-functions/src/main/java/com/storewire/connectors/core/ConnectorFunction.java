package com.storewire.connectors.core;

import com.google.cloud.functions.CloudEventsFunction;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.Event;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * What every connector function does with a delivery before and after the vendor: unwrap the
 * Pub/Sub message from Eventarc's CloudEvent, decode the event (a message that is not one is parked
 * at once), and end failures where they are seen — parked and alerted when permanent, alerted and
 * thrown when transient (Pub/Sub redelivers that message and dead-letters it after the
 * subscription's attempts).
 */
public abstract class ConnectorFunction implements CloudEventsFunction {

  private final SystemId vendor;
  private final String operation;
  private final SubscriptionSpec subscription;
  private final ParkingLot parking;

  protected ConnectorFunction(
      SystemId vendor, String operation, String subscription, Map<String, String> env) {
    this.vendor = vendor;
    this.operation = operation;
    this.subscription = Catalog.storewire().subscription(subscription).orElseThrow();
    this.parking = new ParkingLot(env.get("GOOGLE_CLOUD_PROJECT"), env.get("PUBSUB_EMULATOR_HOST"));
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
      fail(
          message,
          null,
          new ItemFailure(
              VendorFailure.permanent(null, "not a valid event: " + e.getMessage()), 0));
      return;
    }
    ItemFailure failure = deliver(event);
    if (failure != null) {
      fail(message, event.getId(), failure);
    }
  }

  /** Delivers the event to the vendor; null when done (or not this function's to deliver). */
  protected abstract ItemFailure deliver(Event event) throws Exception;

  private void fail(PushedMessage message, String eventId, ItemFailure failure) {
    parking.alert(vendor, operation, failure.failure(), failure.attempts(), eventId);
    if (failure.failure().kind() == VendorFailure.Kind.RETRYABLE) {
      throw failure.failure();
    }
    parking.park(message, subscription, vendor, operation, failure.failure(), failure.attempts());
  }
}
