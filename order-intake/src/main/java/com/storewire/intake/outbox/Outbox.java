package com.storewire.intake.outbox;

import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional outbox: a state change writes its events here in the same atomic commit, and
 * {@link OutboxRelay} publishes them afterwards. A crash between the two loses nothing; a repeated
 * publish carries the same event id, which consumers dedupe on.
 */
@Singleton
public class Outbox {

  public static final String COLLECTION = "outbox";
  static final String TOPIC = "topic";
  static final String ORDERING_KEY = "ordering_key";
  static final String DATA = "data";
  static final String ATTRIBUTES = "attributes";
  static final String CREATED_AT = "created_at";

  /** Set on entries after which a SKU's availability must be republished. */
  static final String AVAILABILITY_SKU = "availability_sku";

  private static final Set<EventType> MOVE_AVAILABILITY =
      Set.of(EventType.STOCK_RESERVED, EventType.RESERVATION_RELEASED);

  private final Firestore db;
  private final EventRouting routing = new EventRouting(Catalog.storewire());

  public Outbox(Firestore db) {
    this.db = db;
  }

  /** Adds the event to the batch; it is validated here, so nothing invalid is ever stored. */
  public void add(WriteBatch batch, Event event) {
    Map<String, Object> entry = new HashMap<>();
    entry.put(TOPIC, routing.topicOf(event).name());
    entry.put(ORDERING_KEY, routing.orderingKey(event));
    entry.put(DATA, Blob.fromBytes(EventJson.encode(event)));
    entry.put(ATTRIBUTES, EventRouting.attributes(event));
    entry.put(CREATED_AT, FieldValue.serverTimestamp());
    if (MOVE_AVAILABILITY.contains(EventType.ofPayload(event.getData()))) {
      entry.put(AVAILABILITY_SKU, event.getSubject());
    }
    batch.create(db.collection(COLLECTION).document(event.getId()), entry);
  }

  /** For changes that publish no event of their own but move a SKU's availability. */
  public void availabilityChanged(WriteBatch batch, String sku) {
    batch.create(
        db.collection(COLLECTION).document("availability-" + UUID.randomUUID()),
        Map.of(AVAILABILITY_SKU, sku, CREATED_AT, FieldValue.serverTimestamp()));
  }
}
