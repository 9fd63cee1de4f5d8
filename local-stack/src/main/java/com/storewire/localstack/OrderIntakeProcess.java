package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * order-intake as its own JVM, configured as Cloud Run would configure it but pointed at the
 * emulators: the local stack runs each deployable as a process, never inside the CLI, so each keeps
 * its own classpath. Closing it stops the process and anything it started.
 */
final class OrderIntakeProcess implements AutoCloseable {

  /** Webhook secrets of the local stack; the vendor sandbox signs with the same ones. */
  static final Map<String, String> LOCAL_SECRETS =
      Map.of(
          "SHOPIFY_WEBHOOK_SECRET", "local-shopify-secret",
          "WOOCOMMERCE_WEBHOOK_SECRET", "local-woocommerce-secret",
          "AMAZON_EVENTBRIDGE_API_KEY", "local-amazon-key");

  private final Process process;
  private final String baseUrl;
  private final Path log;

  private OrderIntakeProcess(Process process, String baseUrl, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  static OrderIntakeProcess start(
      Path home,
      Emulators emulators,
      String project,
      Map<String, String> extraEnv,
      Path logDirectory) {
    Path jar = home.resolve("order-intake/target/order-intake.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./storewire, which builds it");
    }
    int port = freePort();
    Path log = logDirectory.resolve("order-intake-" + port + ".log");
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("PORT", Integer.toString(port));
    env.put("GOOGLE_CLOUD_PROJECT", project);
    env.put("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort());
    env.put("PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort());
    // The emulator signs no push requests; in Google Cloud the OIDC check stays on.
    env.put("STOREWIRE_PUSH_OIDC_ENABLED", "false");
    env.putAll(LOCAL_SECRETS);
    env.putAll(extraEnv);
    try {
      OrderIntakeProcess service =
          new OrderIntakeProcess(builder.start(), "http://127.0.0.1:" + port, log);
      service.awaitHealthy();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start order-intake", e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "order-intake exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("order-intake did not become healthy within 60 s; see " + log);
  }

  @Override
  public void close() {
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

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
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
