package com.storewire.emulators;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the {@code gcloud} binary: the system property {@value #PROPERTY}, else the environment
 * variable {@value #VARIABLE}, else the PATH. It looks each time an emulator starts, so a test can
 * point it elsewhere and back.
 */
final class GcloudLocator {

  static final String PROPERTY = "storewire.gcloud";
  static final String VARIABLE = "STOREWIRE_GCLOUD";

  private GcloudLocator() {}

  static String locate() {
    String override = System.getProperty(PROPERTY, System.getenv(VARIABLE));
    if (override != null && !override.isBlank()) {
      if (!Files.isExecutable(Path.of(override))) {
        throw new EmulatorUnavailableException("gcloud not found at " + override);
      }
      return override;
    }
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "gcloud");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new EmulatorUnavailableException("gcloud not found on PATH");
  }
}
