package com.storewire.intake.orders;

import com.storewire.events.ReleaseReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases reservations whose time ran out, emitting ReservationReleased (EXPIRED). A shipment
 * consumes its order's reservation, so an order that expires was never shipped within the
 * reservation TTL: its units go back on sale while the order may still ship, which is why each one
 * is counted ({@code storewire.orders.expired}, alerted in Cloud Monitoring) and logged.
 * Firestore's TTL policy deletes only settled orders (orders.purge_at), never stock a reservation
 * holds.
 */
// Created at startup rather than at its first sweep, so its counter exists for the alert at once.
@Context
@Requires(property = "storewire.sweeper.enabled", notEquals = "false")
public class ExpirySweeper {

  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

  private final OrderService orders;
  private final Counter expired;

  public ExpirySweeper(OrderService orders, MeterRegistry meters) {
    this.orders = orders;
    // Registered before the first expiry, so the alert has a series to watch from the start.
    this.expired =
        Counter.builder("storewire.orders.expired")
            .description("Orders whose reservation expired before any shipment consumed it")
            .register(meters);
  }

  @Scheduled(
      fixedDelay = "${storewire.sweeper.interval:10s}",
      initialDelay = "${storewire.sweeper.interval:10s}")
  void sweep() {
    sweepOnce();
  }

  /** Releases what has expired now; returns how many orders it released. */
  public int sweepOnce() {
    int released = 0;
    for (String orderId : orders.expiredOrders(100)) {
      try {
        boolean expiredNow =
            orders
                .release(orderId, ReleaseReason.EXPIRED)
                .filter(order -> order.status() == OrderStatus.EXPIRED)
                .isPresent();
        if (expiredNow) {
          released++;
          expired.increment();
          LOG.warn(
              "order {} expired unshipped: its reservation is released and its units are on sale"
                  + " again",
              orderId);
        }
      } catch (RuntimeException e) {
        LOG.error("could not release expired order {}; next sweep retries", orderId, e);
      }
    }
    return released;
  }
}
