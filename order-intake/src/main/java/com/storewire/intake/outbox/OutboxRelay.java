package com.storewire.intake.outbox;

import com.google.api.core.ApiFuture;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.gcp.TopicPublishers;
import com.storewire.intake.stock.StockLevels;
import com.storewire.intake.stock.StockStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox in commit order and deletes what Pub/Sub accepted. After entries that move a
 * SKU's stock it publishes the SKU's AvailabilityChanged per channel, read at one consistent
 * snapshot after the commit, once per SKU per round however many orders moved it.
 *
 * <p>An entry is deleted only after its publish succeeded, so a crash at any point means a
 * republish with the same event id, never a loss. A failed publish stays for the next round.
 */
public final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final Firestore db;
  private final TopicPublishers publishers;
  private final StockStore stock;
  private final Outbox outbox;
  private final IntakeSettings settings;
  private final String availabilityTopic;
  private final Counter published;
  private final Counter publishFailures;
  private final AtomicLong lagMillis = new AtomicLong();
  private final EventRouting routing = new EventRouting(Catalog.storewire());

  public OutboxRelay(
      Firestore db,
      TopicPublishers publishers,
      StockStore stock,
      IntakeSettings settings,
      MeterRegistry meters) {
    this.db = db;
    this.publishers = publishers;
    this.stock = stock;
    this.outbox = new Outbox(db);
    this.settings = settings;
    this.availabilityTopic = Catalog.storewire().topicFor(EventType.AVAILABILITY_CHANGED).name();
    this.published = meters.counter("storewire.outbox.published");
    this.publishFailures = meters.counter("storewire.outbox.publish_failures");
    meters.gauge("storewire.outbox.lag_ms", lagMillis);
  }

  /** Publishes one round and clears what was published; returns how many entries it cleared. */
  public int drainOnce() {
    return clear(publishRound());
  }

  /**
   * Publishes what is in the outbox, oldest first, and returns the entries that went out. Until
   * they are cleared a crash republishes them, with the same event ids.
   */
  List<QueryDocumentSnapshot> publishRound() {
    List<QueryDocumentSnapshot> entries =
        StockStore.await(
                db.collection(Outbox.COLLECTION)
                    .orderBy(Outbox.CREATED_AT, Query.Direction.ASCENDING)
                    .limit(BATCH)
                    .get())
            .getDocuments();
    lagMillis.set(entries.isEmpty() ? 0 : lag(entries.get(0)));
    List<Pending> pending = new ArrayList<>();
    Set<String> skus = new LinkedHashSet<>();
    for (QueryDocumentSnapshot entry : entries) {
      String topic = entry.getString(Outbox.TOPIC);
      String orderingKey = entry.getString(Outbox.ORDERING_KEY);
      ApiFuture<String> future = null;
      if (topic != null) {
        @SuppressWarnings("unchecked")
        Map<String, String> attributes = (Map<String, String>) entry.get(Outbox.ATTRIBUTES);
        Blob data = entry.getBlob(Outbox.DATA);
        future = publishers.publish(topic, data.toBytes(), attributes, orderingKey);
      }
      pending.add(new Pending(entry, topic, orderingKey, future));
      Optional.ofNullable(entry.getString(Outbox.AVAILABILITY_SKU)).ifPresent(skus::add);
    }
    boolean availabilityPublished = publishAvailability(skus);
    List<QueryDocumentSnapshot> publishedEntries = new ArrayList<>();
    for (Pending p : pending) {
      boolean ok = p.future == null ? availabilityPublished : succeeded(p);
      boolean needsAvailability = p.entry.getString(Outbox.AVAILABILITY_SKU) != null;
      if (ok && (!needsAvailability || availabilityPublished)) {
        publishedEntries.add(p.entry);
      }
    }
    return publishedEntries;
  }

  /** Deletes published entries; returns how many. */
  int clear(List<QueryDocumentSnapshot> publishedEntries) {
    if (publishedEntries.isEmpty()) {
      return 0;
    }
    WriteBatch cleared = db.batch();
    publishedEntries.forEach(e -> cleared.delete(e.getReference()));
    StockStore.await(cleared.commit());
    return publishedEntries.size();
  }

  private boolean publishAvailability(Set<String> skus) {
    List<ApiFuture<String>> futures = new ArrayList<>();
    for (String sku : skus) {
      Optional<StockLevels> levels = stock.levels(sku);
      if (levels.isEmpty()) {
        continue;
      }
      if (levels.get().drained()) {
        stock.rebalance(sku, levels.get().shards());
      }
      grantLots(levels.get());
      for (Event event : AvailabilityEvents.of(levels.get(), settings)) {
        futures.add(
            publishers.publish(
                availabilityTopic,
                EventJson.encode(event),
                EventRouting.attributes(event),
                routing.orderingKey(event)));
      }
    }
    boolean allOk = true;
    for (ApiFuture<String> future : futures) {
      allOk &= await(future, availabilityTopic, null);
    }
    return allOk;
  }

  /**
   * Ring-fenced channels that sold out their lot get the next one. The grant's events go out
   * through the outbox with it, so a crash after the commit cannot strand a lot unannounced; the
   * pool shrank, so the other channels' availability is republished too.
   */
  private void grantLots(StockLevels levels) {
    if (levels.allocations().isEmpty()) {
      return;
    }
    stock.grantLots(
        levels.sku(),
        (batch, grants) -> {
          grants.forEach(
              (channel, units) ->
                  outbox.add(batch, AvailabilityEvents.granted(levels, channel, units)));
          if (!grants.isEmpty()) {
            outbox.availabilityChanged(batch, levels.sku());
          }
        });
  }

  private boolean succeeded(Pending p) {
    return await(p.future, p.topic, p.orderingKey);
  }

  private boolean await(ApiFuture<String> future, String topic, String orderingKey) {
    try {
      future.get(30, TimeUnit.SECONDS);
      published.increment();
      return true;
    } catch (ExecutionException | TimeoutException e) {
      publishFailures.increment();
      LOG.warn("publish to {} failed, will retry: {}", topic, e.toString());
      publishers.resume(topic, orderingKey);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long lag(QueryDocumentSnapshot oldest) {
    Timestamp created = oldest.getTimestamp(Outbox.CREATED_AT);
    return created == null
        ? 0
        : Duration.between(created.toDate().toInstant(), Instant.now()).toMillis();
  }

  private record Pending(
      QueryDocumentSnapshot entry, String topic, String orderingKey, ApiFuture<String> future) {}
}
