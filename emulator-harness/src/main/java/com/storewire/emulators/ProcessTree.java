package com.storewire.emulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process with everything it started. {@code gcloud} runs the emulator as a grandchild; a
 * plain kill of the wrapper leaves that Java process running, adopted by init and holding its port.
 */
final class ProcessTree {

  private ProcessTree() {}

  /** Asks every process of the tree to stop, and kills those still running after the grace. */
  static void stop(Process root, Duration grace) {
    // Collected before anything dies: an orphaned grandchild can no longer be found through root.
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root.toHandle());
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, grace)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, grace);
    }
  }

  private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
    CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for a process to exit failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping an emulator", e);
    }
  }
}
