package com.storewire.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployable as its own JVM on a free loopback port, its output in a log file: the local stack
 * runs each deployable as a process, never inside the CLI, so each keeps its own classpath. Closing
 * it stops the process and everything it started.
 */
public final class JavaProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private JavaProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * What a process inherits from the shell that starts the stack: enough to run a JVM, nothing that
   * configures Storewire or Google clients (a developer's credentials or emulator settings would
   * otherwise leak into a deployable that production does not give them).
   */
  static final List<String> INHERITED =
      List.of("PATH", "HOME", "LANG", "TZ", "TMPDIR", "JAVA_HOME");

  /**
   * Starts {@code java <arguments>} with {@code env} as its environment (plus {@link #INHERITED});
   * the arguments and the values of {@code env} receive the port through {@code PORT} in the
   * environment and {@code {port}}.
   */
  public static JavaProcess start(
      String name, List<String> arguments, Map<String, String> env, Path logDirectory) {
    int port = freePort();
    Path log = logDirectory.resolve(name + "-" + port + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    arguments.forEach(argument -> command.add(argument.replace("{port}", Integer.toString(port))));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().retainAll(INHERITED);
    builder.environment().put("PORT", Integer.toString(port));
    env.forEach(
        (variable, value) ->
            builder.environment().put(variable, value.replace("{port}", Integer.toString(port))));
    try {
      return new JavaProcess(name, builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path log() {
    return log;
  }

  /** Waits until {@code path} answers at all (any status), or fails with where the log is. */
  public JavaProcess awaitAnswering(String path, Duration within) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        http.send(probe, HttpResponse.BodyHandlers.discarding());
        return this;
      } catch (IOException notYet) {
        sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    close();
    throw new IllegalStateException(name + " did not answer within " + within + "; see " + log);
  }

  /** Kills the process and what it started at once, with no chance to clean up: a crash. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public void close() {
    stopTree(process);
  }

  /** Asks a process and everything it started to stop, gives each 10 s, then kills what is left. */
  public static void stopTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
