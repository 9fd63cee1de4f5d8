package com.storewire.localstack.cloud;

import com.storewire.localstack.JavaProcess;
import com.storewire.localstack.LocalServices;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's instances, all in one JVM (the {@code function-host} jar beside the Functions
 * Framework invoker), each an invoker server on its own port with its own class loader over the
 * function's jar, so each keeps its own state as a separate Cloud Run instance would. One JVM per
 * function rather than per instance: a dozen JVMs on two cores already own the flash sale's lag
 * tail. Put a {@link CloudRunFront} before {@link #instances()} to spread requests over them.
 */
public final class FunctionHostProcess implements AutoCloseable {

  static final String MAIN_CLASS = "com.storewire.functionhost.FunctionHost";

  private final JavaProcess process;
  private final List<URI> instances;

  private FunctionHostProcess(JavaProcess process, List<URI> instances) {
    this.process = process;
    this.instances = List.copyOf(instances);
  }

  /**
   * Starts {@code instances} instances of the HTTP function {@code target} from {@code
   * functionClasspath} (the invoker's {@code --classpath}: a jar whose manifest names its libs, or
   * entries joined by the path separator), with {@code env} added to this process's environment,
   * and waits until every one serves.
   */
  public static FunctionHostProcess start(
      String name,
      String target,
      int instances,
      String functionClasspath,
      Map<String, String> env,
      Path logDirectory) {
    Path jars = LocalServices.home().resolve("local-stack/target/invoker");
    List<String> arguments =
        List.of(
            // Each instance loads the function's libraries anew; the heap grows with them.
            "-Xmx" + (128 + 128 * instances) + "m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            built(jars.resolve("function-host.jar"))
                + File.pathSeparator
                + built(jars.resolve("java-function-invoker.jar")),
            MAIN_CLASS,
            "--target",
            target,
            "--instances",
            Integer.toString(instances),
            "--classpath",
            functionClasspath,
            "--port",
            "{port}");
    Map<String, String> hostEnv = new HashMap<>(env);
    // An HTTP function: the invoker refuses to start a class that is not an HttpFunction.
    hostEnv.putIfAbsent("FUNCTION_SIGNATURE_TYPE", "http");
    JavaProcess process = JavaProcess.start(name, arguments, hostEnv, logDirectory);
    try {
      process.awaitAnswering("/instances", Duration.ofSeconds(90));
      return new FunctionHostProcess(process, instances(process));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /** The instances' base URLs, in instance order. */
  public List<URI> instances() {
    return instances;
  }

  public Path log() {
    return process.log();
  }

  /** Kills every instance at once, as when the host machine of them all dies. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }

  private static List<URI> instances(JavaProcess process) {
    try {
      HttpResponse<String> listing =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(process.baseUrl() + "/instances"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (listing.statusCode() != 200) {
        throw new IllegalStateException(
            "the function host answered " + listing.statusCode() + "; see " + process.log());
      }
      return listing.body().lines().filter(line -> !line.isBlank()).map(URI::create).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path built(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./storewire, which builds it");
    }
    return jar;
  }
}
