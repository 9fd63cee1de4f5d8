package com.storewire.reconciliation.run;

import com.google.api.core.ApiFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a Firestore call, turning its failure into one that names Firestore. */
final class Firestores {

  private Firestores() {}

  static <T> T await(ApiFuture<T> future) {
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
