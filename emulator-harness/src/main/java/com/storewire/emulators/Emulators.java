package com.storewire.emulators;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The Pub/Sub and Firestore emulators together, started side by side to save a start's time. */
public final class Emulators implements AutoCloseable {

  private static Emulators shared;

  private final RunningEmulator pubsub;
  private final RunningEmulator firestore;

  private Emulators(RunningEmulator pubsub, RunningEmulator firestore) {
    this.pubsub = pubsub;
    this.firestore = firestore;
  }

  /** Starts both; if one fails, the other is stopped before the failure is thrown. */
  public static Emulators start() {
    CompletableFuture<RunningEmulator> pubsub =
        CompletableFuture.supplyAsync(() -> RunningEmulator.start(EmulatorKind.PUBSUB));
    CompletableFuture<RunningEmulator> firestore =
        CompletableFuture.supplyAsync(() -> RunningEmulator.start(EmulatorKind.FIRESTORE));
    try {
      CompletableFuture.allOf(pubsub, firestore).join();
      return new Emulators(pubsub.join(), firestore.join());
    } catch (CompletionException e) {
      pubsub.thenAccept(RunningEmulator::close);
      firestore.thenAccept(RunningEmulator::close);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * One pair per JVM, started on first use and stopped when the JVM exits, so that every test class
   * in a run shares one start.
   */
  public static synchronized Emulators shared() {
    if (shared == null) {
      Emulators started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-emulators"));
      shared = started;
    }
    return shared;
  }

  public RunningEmulator pubsub() {
    return pubsub;
  }

  public RunningEmulator firestore() {
    return firestore;
  }

  @Override
  public void close() {
    try {
      pubsub.close();
    } finally {
      firestore.close();
    }
  }
}
