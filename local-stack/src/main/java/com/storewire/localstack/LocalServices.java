package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

  /**
   * A connector function in its own JVM under the Functions Framework invoker, as Cloud Functions
   * runs it: an HTTP function ({@code FUNCTION_SIGNATURE_TYPE=http}, which the invoker refuses to
   * start for a class that is not an {@code HttpFunction}), with {@code env} added.
   */
  public static JavaProcess connectorFunction(String target, Map<String, String> env) {
    Path invoker = home().resolve("local-stack/target/invoker/java-function-invoker.jar");
    if (!Files.isRegularFile(invoker)) {
      throw new IllegalStateException(invoker + " is missing: run ./storewire, which builds it");
    }
    List<String> arguments =
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            invoker.toString(),
            "--classpath",
            home().resolve("local-stack/target/lib") + "/*",
            "--target",
            target,
            "--port",
            "{port}");
    Map<String, String> functionEnv = new HashMap<>(env);
    functionEnv.put("FUNCTION_SIGNATURE_TYPE", "http");
    try {
      return JavaProcess.start(
          target.substring(target.lastIndexOf('.') + 1),
          arguments,
          functionEnv,
          Files.createDirectories(home().resolve(".storewire/logs")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
