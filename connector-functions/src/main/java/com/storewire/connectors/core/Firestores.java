package com.storewire.connectors.core;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Firestore as the deployables reach it: a client from their environment, and its calls awaited.
 */
public final class Firestores {

  /** The project's default database, which order-intake, the functions and the job share. */
  public static final String DEFAULT_DATABASE = "(default)";

  private Firestores() {}

  /**
   * A client for {@code database} in {@code project}: the emulator at {@code
   * FIRESTORE_EMULATOR_HOST} when the environment names one (locally), otherwise Google Cloud with
   * the runtime's default credentials (the deployable's service account).
   */
  public static Firestore open(String project, String database, Map<String, String> env) {
    FirestoreOptions.Builder options =
        FirestoreOptions.newBuilder().setProjectId(project).setDatabaseId(database);
    String emulator = env.get("FIRESTORE_EMULATOR_HOST");
    if (emulator != null) {
      // Emulator credentials: NoCredentials would make the client ignore the host.
      options.setEmulatorHost(emulator).setCredentials(new FirestoreOptions.EmulatorCredentials());
    }
    return options.build().getService();
  }

  /** Waits for a Firestore call, turning its failure into one that names Firestore. */
  public static <T> T await(ApiFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Firestore: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
