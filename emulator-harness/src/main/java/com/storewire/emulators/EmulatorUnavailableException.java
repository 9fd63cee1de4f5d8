package com.storewire.emulators;

/** The Google Cloud CLI or one of its emulator components is missing or did not start. */
public final class EmulatorUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String INSTALL_HINT =
      "install the Google Cloud CLI with both emulators (Debian: apt-get install google-cloud-cli"
          + " google-cloud-cli-pubsub-emulator google-cloud-cli-firestore-emulator)";

  EmulatorUnavailableException(String message) {
    super(message);
  }
}
