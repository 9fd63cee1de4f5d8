package com.storewire.emulators;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the {@code gcloud} binary: an explicit override, else the PATH. */
final class GcloudLocator {

  static final String PROPERTY = "storewire.gcloud";
  static final String VARIABLE = "STOREWIRE_GCLOUD";

  private GcloudLocator() {}

  static String locate() {
    String override = System.getProperty(PROPERTY, System.getenv(VARIABLE));
    if (override != null && !override.isBlank()) {
      if (!Files.isExecutable(Path.of(override))) {
        throw new EmulatorUnavailableException(
            "gcloud not found at " + override + ": " + EmulatorUnavailableException.INSTALL_HINT);
      }
      return override;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "gcloud");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new EmulatorUnavailableException(
        "gcloud not found on PATH: " + EmulatorUnavailableException.INSTALL_HINT);
  }
}
