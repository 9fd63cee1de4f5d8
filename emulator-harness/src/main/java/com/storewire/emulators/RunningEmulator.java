package com.storewire.emulators;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulator process started through the Google Cloud CLI on a free loopback port. Closing it
 * stops the whole process tree: {@code gcloud} is a Python wrapper whose Java child would otherwise
 * outlive it and keep the port.
 */
public final class RunningEmulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunningEmulator.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final EmulatorKind kind;
  private final int port;
  private final Process process;
  private final Path log;
  private final Duration startupTime;

  private RunningEmulator(
      EmulatorKind kind, int port, Process process, Path log, Duration startupTime) {
    this.kind = kind;
    this.port = port;
    this.process = process;
    this.log = log;
    this.startupTime = startupTime;
  }

  /** Starts the emulator and returns once it answers HTTP requests. */
  public static RunningEmulator start(EmulatorKind kind) {
    String gcloud = GcloudLocator.locate();
    int port = freeLoopbackPort();
    String hostPort = HOST + ":" + port;
    Path log = logFile(kind, port);
    List<String> command = new ArrayList<>();
    command.add(gcloud);
    command.addAll(kind.arguments(hostPort));
    Instant spawned = Instant.now();
    Process process;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // A missing component must fail at once, not wait at an install prompt nobody answers.
      builder.environment().put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
      process = builder.start();
    } catch (IOException e) {
      throw new EmulatorUnavailableException(
          "cannot run "
              + gcloud
              + " ("
              + e.getMessage()
              + "): "
              + EmulatorUnavailableException.INSTALL_HINT);
    }
    RunningEmulator emulator = null;
    try {
      awaitReady(kind, hostPort, process, log);
      emulator =
          new RunningEmulator(kind, port, process, log, Duration.between(spawned, Instant.now()));
      LOG.info(
          "{} emulator on {} started in {} ms, log {}",
          kind,
          hostPort,
          emulator.startupTime.toMillis(),
          log);
      return emulator;
    } finally {
      if (emulator == null) {
        stopTree(process);
      }
    }
  }

  public EmulatorKind kind() {
    return kind;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT}, the value of the kind's environment variable. */
  public String hostPort() {
    return HOST + ":" + port;
  }

  /** From spawning the CLI to the first successful request. */
  public Duration startupTime() {
    return startupTime;
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    stopTree(process);
    Instant deadline = Instant.now().plus(STOP_GRACE);
    while (acceptsConnections(port) && Instant.now().isBefore(deadline)) {
      sleep(POLL_INTERVAL);
    }
    if (acceptsConnections(port)) {
      throw new IllegalStateException(kind + " emulator still holds port " + port + " after stop");
    }
  }

  private static void awaitReady(EmulatorKind kind, String hostPort, Process process, Path log) {
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://" + hostPort + kind.readinessPath()))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        String tail = tail(log);
        if (tail.contains("component") || tail.contains("not installed")) {
          throw new EmulatorUnavailableException(
              "the "
                  + kind.component()
                  + " emulator component is missing: "
                  + EmulatorUnavailableException.INSTALL_HINT);
        }
        throw new IllegalStateException(
            kind
                + " emulator exited with "
                + process.exitValue()
                + " before answering; log "
                + log
                + ":\n"
                + tail);
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet: keep polling until the deadline.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + kind, e);
      }
      sleep(POLL_INTERVAL);
    }
    throw new IllegalStateException(
        kind
            + " emulator did not answer within "
            + START_TIMEOUT.toSeconds()
            + " s; log "
            + log
            + ":\n"
            + tail(log));
  }

  /** Stops the wrapper and every process under it, politely first, then forcibly. */
  static void stopTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
      }
    }
  }

  static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static Path logFile(EmulatorKind kind, int port) {
    try {
      Path directory =
          new File("target").isDirectory()
              ? Path.of("target", "emulators")
              : Path.of(System.getProperty("java.io.tmpdir"), "storewire-emulators");
      Files.createDirectories(directory);
      return directory.resolve(kind.component() + "-" + port + ".log").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
