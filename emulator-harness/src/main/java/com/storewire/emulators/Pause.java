package com.storewire.emulators;

/** The interval between two polls of an emulator or a port. */
final class Pause {

  private static final long POLL_INTERVAL_MILLIS = 50;

  private Pause() {}

  static void briefly() {
    try {
      Thread.sleep(POLL_INTERVAL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an emulator", e);
    }
  }
}
