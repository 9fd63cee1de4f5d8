package com.storewire.connectors.core;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.Event;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connector function does with a delivery before and after the vendor. Each is an HTTP
 * function its catalog subscriptions push to (see docs/deploy.md): it reads the push envelope,
 * decodes the event (a message that is not one is parked at once), and ends failures where they are
 * seen — parked and alerted when permanent, alerted and answered 503 when transient, so Pub/Sub
 * redelivers that message with the subscription's backoff and dead-letters it after its attempts.
 */
public abstract class ConnectorFunction implements HttpFunction, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorFunction.class);

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

  /**
   * One push delivery. The answer is Pub/Sub's acknowledgement: 204 acks (delivered, not this
   * function's, or parked by the function itself); anything else nacks, and the subscription's
   * retry and dead-letter policies take over, so a request that is not a push envelope (400) ends
   * on the subscription's parked subscription too.
   */
  @Override
  public final void service(HttpRequest request, HttpResponse response) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      response.appendHeader("Allow", "POST");
      ProblemAnswer.send(response, 405, "method", "Pub/Sub pushes with POST only");
      return;
    }
    PushedMessage message;
    try (InputStream body = request.getInputStream()) {
      message = PushedMessage.fromPushBody(body.readAllBytes());
    } catch (PushedMessage.NotAnEnvelope e) {
      LOG.atError()
          .addKeyValue("push_field", e.field())
          .addKeyValue("push_reason", e.reason())
          .log("refused a request that is not a Pub/Sub push envelope: {}", e.getMessage());
      ProblemAnswer.send(response, 400, e.field(), e.reason());
      return;
    }
    try {
      handle(message);
      response.setStatusCode(204);
    } catch (Exception e) {
      if (e instanceof VendorFailure failure && failure.kind() == VendorFailure.Kind.RETRYABLE) {
        // Alerted already; the answer asks Pub/Sub to redeliver with the subscription's backoff.
        ProblemAnswer.send(response, 503, "vendor", String.valueOf(failure.getMessage()));
        return;
      }
      LOG.atError()
          .setCause(e)
          .addKeyValue("message_id", message.messageId())
          .addKeyValue("subscription", message.subscriptionName())
          .addKeyValue("delivery_attempt", message.deliveryAttempt())
          .log("delivery failed unexpectedly; Pub/Sub redelivers it: {}", e.toString());
      ProblemAnswer.send(response, 500, "function", "unexpected failure; see the function's log");
    }
  }

  /**
   * Handles one pushed message: returns when it is delivered, not this function's, or parked;
   * throws the {@link VendorFailure} of a transient failure that outlasted the retries (alerted)
   * for Pub/Sub to redeliver.
   */
  public final void handle(PushedMessage message) throws Exception {
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
    return subscriptions.stream()
        .filter(s -> s.name().equals(message.subscriptionName()))
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
