package com.storewire.intake.outbox;

import com.google.cloud.firestore.Firestore;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.gcp.TopicPublishers;
import com.storewire.intake.stock.StockStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox relay on its own thread for the life of the service, in the instance that holds
 * the relay lease: it drains at once while there is work and checks every 50 ms when idle. Turned
 * off with storewire.relay.enabled=false.
 */
@Context
@Requires(property = "storewire.relay.enabled", notEquals = "false")
public class RelayRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RelayRunner.class);
  private static final long IDLE_MILLIS = 50;

  private final OutboxRelay relay;
  private final RelayLease lease;
  private final Thread thread;
  private volatile boolean running = true;

  public RelayRunner(
      Firestore db,
      TopicPublishers publishers,
      StockStore stock,
      IntakeSettings settings,
      MeterRegistry meters) {
    this.relay = new OutboxRelay(db, publishers, stock, settings, meters);
    this.lease = new RelayLease(db);
    this.thread = new Thread(this::loop, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        if (!lease.held() || relay.drainOnce() == 0) {
          Thread.sleep(IDLE_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.error("outbox relay round failed; retrying", e);
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
