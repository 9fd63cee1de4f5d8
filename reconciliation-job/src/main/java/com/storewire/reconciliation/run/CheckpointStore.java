package com.storewire.reconciliation.run;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.Firestores;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job's own state in Firestore: one checkpoint per task of an execution, and per marketplace
 * the watermark its next order poll starts from. Nothing here is order-intake's: the job reads
 * order-intake only through its API.
 */
public class CheckpointStore {

  static final String TASKS = "reconciliation_tasks";
  static final String WATERMARKS = "reconciliation_watermarks";

  private final Firestore db;

  public CheckpointStore(Firestore db) {
    this.db = db;
  }

  /** The task's checkpoint within its execution, or a fresh one on its first attempt. */
  public Checkpoint load(TaskSettings task) {
    DocumentSnapshot doc = Firestores.await(taskDoc(task).get());
    if (!doc.exists()) {
      return Checkpoint.fresh();
    }
    @SuppressWarnings("unchecked")
    List<String> done = (List<String>) doc.get("done");
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) doc.get("counts");
    Map<String, Long> counts = new HashMap<>();
    if (raw != null) {
      raw.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
    }
    return new Checkpoint(
        done == null ? new LinkedHashSet<>() : new LinkedHashSet<>(done),
        doc.getString("next_stock_page"),
        Boolean.TRUE.equals(doc.getBoolean("stock_started")),
        counts);
  }

  public void save(TaskSettings task, Checkpoint checkpoint) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("done", List.copyOf(checkpoint.done()));
    fields.put("next_stock_page", checkpoint.nextStockPage());
    fields.put("stock_started", checkpoint.stockStarted());
    fields.put("counts", new HashMap<>(checkpoint.counts()));
    fields.put("attempt", task.attempt());
    fields.put("updated_at", FieldValue.serverTimestamp());
    Firestores.await(taskDoc(task).set(fields));
  }

  public Optional<Instant> watermark(String channel) {
    DocumentSnapshot doc = Firestores.await(db.collection(WATERMARKS).document(channel).get());
    Timestamp since = doc.exists() ? doc.getTimestamp("since") : null;
    return Optional.ofNullable(since).map(t -> Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
  }

  /**
   * Moves a marketplace's watermark to {@code since}, never back: two executions overlapping (a
   * manual run beside the scheduled one) must not make the later poll start later than it should.
   */
  public void advanceWatermark(String channel, Instant since) {
    DocumentReference ref = db.collection(WATERMARKS).document(channel);
    Timestamp next = Timestamp.ofTimeSecondsAndNanos(since.getEpochSecond(), since.getNano());
    Firestores.await(
        db.runTransaction(
            tx -> {
              DocumentSnapshot doc = tx.get(ref).get();
              Timestamp current = doc.exists() ? doc.getTimestamp("since") : null;
              if (current == null || current.compareTo(next) < 0) {
                tx.set(ref, Map.of("since", next, "updated_at", FieldValue.serverTimestamp()));
              }
              return null;
            }));
  }

  private DocumentReference taskDoc(TaskSettings task) {
    return db.collection(TASKS)
        .document(task.execution() + "--task-" + task.taskIndex() + "-of-" + task.taskCount());
  }
}
