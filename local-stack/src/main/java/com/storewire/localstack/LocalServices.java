package com.storewire.localstack;

import com.storewire.deployment.Deployable;
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

  /** A running order-intake (both deployments); close it to stop it. */
  public interface Service extends AutoCloseable {
    /** The private deployment: pushes, SKU settings, listings, recovered orders. */
    String baseUrl();

    /** The public deployment: the storefront's routes and the marketplaces' webhooks. */
    String publicUrl();

    /** A storefront API key the public deployment accepts. */
    String storefrontKey();

    @Override
    void close();
  }

  public static Service orderIntake(Emulators emulators, String project) {
    return orderIntake(emulators, project, Map.of());
  }

  /** With variables added to the description's, e.g. where vendors' keys are served. */
  public static Service orderIntake(
      Emulators emulators, String project, Map<String, String> extraEnv) {
    OrderIntakeProcess process = OrderIntakeProcess.start(emulators, project, extraEnv);
    return new Service() {
      @Override
      public String baseUrl() {
        return process.baseUrl();
      }

      @Override
      public String publicUrl() {
        return process.publicUrl();
      }

      @Override
      public String storefrontKey() {
        return process.storefrontKey();
      }

      @Override
      public void close() {
        process.close();
      }
    };
  }

  /** Where every process's log goes: {@code .storewire/logs/<deployable>-<port>.log}. */
  public static Path logs() {
    try {
      return Files.createDirectories(home().resolve(".storewire/logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The archive Cloud Build deploys, unpacked: its jar's manifest names its libs/, so every local
   * run proves the deployed classpath is whole.
   */
  public static Path functionArchive() {
    return built("connector-functions/target/cloud-function/connector-functions.jar");
  }

  /**
   * One instance of a Cloud Run service: a JVM running its image's jar ({@code
   * <module>/target/<module>.jar}, what Jib puts in the image) with exactly {@code env}, answering
   * its health check.
   */
  public static JavaProcess service(Deployable service, Map<String, String> env) {
    Path jar = built(service.entryPoint() + "/target/" + service.entryPoint() + ".jar");
    return JavaProcess.start(service.name(), List.of("-Xmx1g", "-jar", jar.toString()), env, logs())
        .awaitAnswering("/health", java.time.Duration.ofSeconds(90));
  }

  /**
   * A connector function in its own JVM under the Functions Framework invoker, as Cloud Functions
   * runs it: an HTTP function ({@code FUNCTION_SIGNATURE_TYPE=http}, which the invoker refuses to
   * start for a class that is not an {@code HttpFunction}), with {@code env} added.
   */
  public static JavaProcess connectorFunction(String target, Map<String, String> env) {
    Path invoker = built("local-stack/target/invoker/java-function-invoker.jar");
    // The archive Cloud Build deploys, unpacked: its jar's manifest names its libs/, so every
    // local run proves the deployed classpath is whole.
    Path function = built("connector-functions/target/cloud-function/connector-functions.jar");
    List<String> arguments =
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            invoker.toString(),
            "--classpath",
            function.toString(),
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

  private static Path built(String relativePath) {
    Path file = home().resolve(relativePath);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: run ./storewire, which builds it");
    }
    return file;
  }
}
