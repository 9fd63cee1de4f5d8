package com.storewire.localstack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does locally what Eventarc does in Google Cloud: the emulator pushes a subscription's messages
 * here, and each goes on to its function as a {@code google.cloud.pubsub.topic.v1.messagePublished}
 * CloudEvent in HTTP binary mode, whose data is the push body unchanged ({@code {"message",
 * "subscription"}}). The function's status goes back to the emulator: 2xx acks, anything else is
 * redelivered and in the end dead-lettered by the subscription's policy. The functions framework
 * answers 500 to a raw push body, hence this.
 */
public final class EventarcBridge implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(128);
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> functionUrls = new ConcurrentHashMap<>();
  private final String project;
  private final Map<String, AtomicLong> forwarded = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

  public EventarcBridge(String project) {
    this.project = project;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Eventarc bridge", e);
    }
    server.createContext("/push/", this::forward);
    server.setExecutor(workers);
    server.start();
  }

  /** Routes the subscription's pushes to the function, returning the endpoint to push to. */
  public String route(String subscription, String functionUrl) {
    functionUrls.put(subscription, functionUrl);
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/" + subscription;
  }

  /** Deliveries the functions acknowledged, and those they failed (to be redelivered). */
  public long forwarded() {
    return forwarded.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Deliveries of one subscription its function acknowledged. */
  public long forwarded(String subscription) {
    return forwarded.getOrDefault(subscription, new AtomicLong()).get();
  }

  /**
   * Deliveries of one subscription its function failed or never answered: what Eventarc reports as
   * failed push deliveries, on which production alerts.
   */
  public long refused(String subscription) {
    return refused.getOrDefault(subscription, new AtomicLong()).get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String subscription = exchange.getRequestURI().getPath().substring("/push/".length());
      String functionUrl = functionUrls.get(subscription);
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (functionUrl == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      JsonNode push = JSON.readTree(body);
      String topic =
          Catalog.storewire()
              .subscription(subscription)
              .map(SubscriptionSpec::topic)
              .orElse("unknown");
      HttpRequest event =
          HttpRequest.newBuilder(URI.create(functionUrl))
              .timeout(Duration.ofMinutes(5))
              .header("Content-Type", "application/json")
              .header("ce-specversion", "1.0")
              .header("ce-id", push.path("message").path("messageId").asText("unknown"))
              .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
              .header(
                  "ce-source", "//pubsub.googleapis.com/projects/" + project + "/topics/" + topic)
              .header(
                  "ce-time",
                  push.path("message").path("publishTime").asText(OffsetDateTime.now().toString()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status;
      try {
        status = http.send(event, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException unreachable) {
        status = 503;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
      }
      (status / 100 == 2 ? forwarded : refused)
          .computeIfAbsent(subscription, s -> new AtomicLong())
          .incrementAndGet();
      exchange.sendResponseHeaders(status / 100 == 2 ? 204 : status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
