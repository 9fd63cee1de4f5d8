package com.storewire.connectors.core;

import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.SystemId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Where failures go so that none is silent: the message is parked on its subscription's dead-letter
 * topic (from the catalog) with why, and a ConnectorAlert event is published; both are logged at
 * ERROR with fields a log-based metric counts ({@code alert_vendor}, {@code alert_reason}, {@code
 * alert_recovered}).
 */
public final class ParkingLot implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParkingLot.class);

  private final EventPublisher events;

  public ParkingLot(EventPublisher events) {
    this.events = events;
  }

  /**
   * Announces a failure; {@code failedEventId} names what was being delivered, {@code
   * compensateOrderId} (or null) the order that must be undone because of it.
   */
  public void alert(
      SystemId vendor,
      String operation,
      VendorFailure failure,
      int attempts,
      String failedEventId,
      String compensateOrderId) {
    Event alert =
        EventBuilder.of(
                ConnectorAlert.newBuilder()
                    .setVendor(vendor)
                    .setOperation(operation)
                    .setReason(failure.reason())
                    .setAttempt(Math.max(1, attempts))
                    .setHttpStatus(failure.httpStatus())
                    .setDetail(
                        failure.getMessage() == null ? failure.kind().name() : failure.getMessage())
                    .setFailedEventId(failedEventId)
                    .setCompensateOrderId(compensateOrderId)
                    .build())
            .source("//storewire/connector-functions/" + vendor.name().toLowerCase())
            .build();
    withAlertFields(LOG.atError(), vendor, operation, failure, attempts, false)
        .addKeyValue("failed_event_id", failedEventId)
        .addKeyValue("compensate_order_id", compensateOrderId)
        .log("connector alert: {} {} failed: {}", vendor, operation, failure.getMessage());
    events.publish(alert);
  }

  /**
   * Announces a fault the connector got over by itself (a refreshed token, retries that succeeded):
   * logged at WARNING with the alert fields, {@code alert_recovered=true}, so the log-based alert
   * that counts connector alerts sees it although nothing was lost or parked.
   */
  public void recovered(SystemId vendor, String operation, VendorFailure failure, int attempts) {
    withAlertFields(LOG.atWarn(), vendor, operation, failure, attempts, true)
        .log(
            "connector recovered: {} {} succeeded after {} attempts; last failure: {}",
            vendor,
            operation,
            attempts,
            failure.getMessage());
  }

  private static LoggingEventBuilder withAlertFields(
      LoggingEventBuilder log,
      SystemId vendor,
      String operation,
      VendorFailure failure,
      int attempts,
      boolean recovered) {
    return log.addKeyValue("alert_vendor", vendor.name().toLowerCase())
        .addKeyValue("alert_reason", failure.reason().name())
        .addKeyValue("alert_operation", operation)
        .addKeyValue("alert_attempts", attempts)
        .addKeyValue("alert_recovered", recovered);
  }

  /** Parks the message, as delivered, on the dead-letter topic of the subscription it came by. */
  public void park(
      PushedMessage message,
      SubscriptionSpec subscription,
      SystemId vendor,
      String operation,
      VendorFailure failure,
      int attempts) {
    Map<String, String> attributes = new HashMap<>(message.attributes());
    attributes.put("storewire-parked-vendor", vendor.name().toLowerCase());
    attributes.put("storewire-parked-operation", operation);
    attributes.put("storewire-parked-reason", failure.reason().name());
    attributes.put("storewire-parked-detail", String.valueOf(failure.getMessage()));
    attributes.put("storewire-parked-attempts", Integer.toString(attempts));
    attributes.put("storewire-parked-at", Instant.now().toString());
    attributes.put("storewire-parked-from", subscription.name());
    events.publish(subscription.deadLetterTopic(), message.data(), attributes);
  }

  @Override
  public void close() throws InterruptedException {
    events.close();
  }
}
