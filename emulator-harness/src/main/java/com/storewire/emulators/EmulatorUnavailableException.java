package com.storewire.emulators;

/**
 * The Google Cloud CLI or one of its emulator components is missing. The message is one line that
 * says how to install it, so a failing build shows the fix without a stack trace being read.
 */
public final class EmulatorUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String INSTALL_HINT =
      "install the Google Cloud CLI with both emulators (Debian: apt-get install google-cloud-cli"
          + " google-cloud-cli-pubsub-emulator google-cloud-cli-firestore-emulator; elsewhere:"
          + " gcloud components install beta pubsub-emulator cloud-firestore-emulator)";

  EmulatorUnavailableException(String problem) {
    super(problem + ": " + INSTALL_HINT);
  }
}
