package com.storewire.intake.orders;

import com.storewire.events.ReleaseReason;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases reservations whose time ran out, emitting ReservationReleased (EXPIRED). In Google Cloud
 * a Firestore TTL policy on orders.expires_at also deletes old documents; releasing the stock is
 * this sweeper's job, since TTL deletes emit no event.
 */
@Singleton
@Requires(property = "storewire.sweeper.enabled", notEquals = "false")
public class ExpirySweeper {

  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

  private final OrderService orders;

  public ExpirySweeper(OrderService orders) {
    this.orders = orders;
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
        orders.release(orderId, ReleaseReason.EXPIRED);
        released++;
      } catch (RuntimeException e) {
        LOG.error("could not release expired order {}; next sweep retries", orderId, e);
      }
    }
    return released;
  }
}
