package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts Storewire's deployables as local processes from the built repository. */
public final class LocalServices {

  private LocalServices() {}

  /** The repository root, which ./storewire passes as storewire.home. */
  public static Path home() {
    return Path.of(System.getProperty("storewire.home", ".")).toAbsolutePath().normalize();
  }

  /** A running order-intake; close it to stop it. */
  public interface Service extends AutoCloseable {
    String baseUrl();

    @Override
    void close();
  }

  public static Service orderIntake(Emulators emulators, String project) {
    return orderIntake(emulators, project, Map.of());
  }

  /** With settings added to the local ones, e.g. where vendors' keys are served. */
  public static Service orderIntake(
      Emulators emulators, String project, Map<String, String> extraEnv) {
    try {
      Path logs = Files.createDirectories(home().resolve(".storewire/logs"));
      OrderIntakeProcess process =
          OrderIntakeProcess.start(home(), emulators, project, extraEnv, logs);
      return new Service() {
        @Override
        public String baseUrl() {
          return process.baseUrl();
        }

        @Override
        public void close() {
          process.close();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
