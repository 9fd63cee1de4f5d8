package com.storewire.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.Firestores;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.reconciliation.run.Checkpoint;
import com.storewire.reconciliation.run.CheckpointStore;
import com.storewire.reconciliation.run.TaskSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checkpoints and watermarks in the Firestore emulator. */
@WithEmulators
class CheckpointStoreTest {

  private static TaskSettings task(String execution, int attempt) {
    Map<String, String> env = new HashMap<>();
    env.put("ORDER_INTAKE_URL", "http://127.0.0.1:1");
    env.put("CLOUD_RUN_EXECUTION", execution);
    env.put("CLOUD_RUN_TASK_INDEX", "1");
    env.put("CLOUD_RUN_TASK_COUNT", "2");
    env.put("CLOUD_RUN_TASK_ATTEMPT", Integer.toString(attempt));
    return TaskSettings.fromEnv(env, false);
  }

  @Test
  void aRetriedTaskLoadsWhereItsEarlierAttemptGot(Emulators emulators, TestProject project)
      throws Exception {
    try (Firestore db = emulatorFirestore(emulators, project)) {
      CheckpointStore store = new CheckpointStore(db);
      Checkpoint first = store.load(task("exec-1", 0));
      assertThat(first.done()).isEmpty();
      assertThat(first.stockStarted()).isFalse();

      first.markDone("orders:shopify");
      first.stockPageDone("page-3");
      first.add("differences.shopify.DRIFT", 2);
      first.add("skus_checked", 1500);
      store.save(task("exec-1", 0), first);

      Checkpoint retried = store.load(task("exec-1", 1));
      assertThat(retried.isDone("orders:shopify")).isTrue();
      assertThat(retried.stockStarted()).isTrue();
      assertThat(retried.nextStockPage()).isEqualTo("page-3");
      assertThat(retried.counts())
          .containsEntry("differences.shopify.DRIFT", 2L)
          .containsEntry("skus_checked", 1500L);
      assertThat(store.load(task("exec-2", 0)).done())
          .as("another execution starts afresh")
          .isEmpty();
    }
  }

  @Test
  void watermarksMoveOnlyForward(Emulators emulators, TestProject project) throws Exception {
    try (Firestore db = emulatorFirestore(emulators, project)) {
      CheckpointStore store = new CheckpointStore(db);
      assertThat(store.watermark("ebay")).isEmpty();
      Instant at = Instant.parse("2026-12-01T10:15:30.123Z");

      store.advanceWatermark("ebay", at);
      store.advanceWatermark("ebay", at.minusSeconds(60));

      assertThat(store.watermark("ebay")).contains(at);
    }
  }

  private static Firestore emulatorFirestore(Emulators emulators, TestProject project) {
    return Firestores.open(
        project.id(),
        Firestores.DEFAULT_DATABASE,
        Map.of("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort()));
  }
}
