package com.storewire.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.EventBuilder;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import com.storewire.localstack.Latencies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Measures order intake over HTTP against the Firestore emulator: (a) many SKUs at an open-loop
 * offered rate, latency measured from each order's scheduled send time so a slow server cannot hide
 * its queue; (b) one hot SKU under closed-loop buyers with and without sharding, against the raw
 * single-document transaction rate of the same emulator.
 */
final class IntakeBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String publicUrl;
  private static final String STOREFRONT_KEY_HEADER =
      com.storewire.localstack.stack.LocalStack.STOREFRONT_KEY_HEADER;
  private final String storefrontKey;
  private final Consumer<String> progress;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .executor(Executors.newFixedThreadPool(64))
          .build();

  /**
   * @param baseUrl the private deployment (SKU settings, pushes)
   * @param publicUrl the public one (storefront orders and reads, with {@code storefrontKey})
   */
  IntakeBenchmark(
      String baseUrl, String publicUrl, String storefrontKey, Consumer<String> progress) {
    this.baseUrl = baseUrl;
    this.publicUrl = publicUrl;
    this.storefrontKey = storefrontKey;
    this.progress = progress;
  }

  /** One timed run: orders accepted and refused, latency, and what was offered. */
  record Run(int accepted, int refused, int errors, double seconds, Latencies latencies) {
    double acceptedPerSecond() {
      return accepted / seconds;
    }

    double completedPerSecond() {
      return (accepted + refused) / seconds;
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("accepted", accepted);
      json.put("refused", refused);
      json.put("errors", errors);
      json.put("seconds", round(seconds));
      json.put("orders_per_s", round(acceptedPerSecond()));
      json.put("p50_ms", round(latencies.percentileMillis(50)));
      json.put("p99_ms", round(latencies.percentileMillis(99)));
      return json;
    }
  }

  void seed(List<String> skus, int units, int shards) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (String sku : skus) {
      done.add(CompletableFuture.runAsync(() -> seedOne(sku, units, shards), pool));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
    pool.shutdown();
  }

  private void seedOne(String sku, int units, int shards) {
    send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/skus/" + sku + "/settings"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"shards\":" + shards + "}"))
            .build(),
        200);
    byte[] event =
        EventJson.encode(
            EventBuilder.of(
                    StockAdjusted.newBuilder()
                        .setSku(sku)
                        .setReason(AdjustmentReason.RECEIPT)
                        .setSourceSystem(SystemId.LOGIWA)
                        .setQuantityChange(units)
                        .build())
                .source("//storewire/bench")
                .build());
    String push = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(event) + "\"}}";
    send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/push/stock-adjustments"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(push))
            .build(),
        204);
  }

  private void send(HttpRequest request, int expected) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            request.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Orders of one unit of a random SKU, sent on schedule at the offered rate whatever happens. */
  Run openLoop(List<String> skus, int perSecond, Duration duration) throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    int total = (int) (perSecond * duration.toMillis() / 1000);
    long intervalNanos = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * intervalNanos;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
      inFlight.add(
          http.sendAsync(orderRequest(sku), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, failure) -> {
                    latencies.add((System.nanoTime() - scheduled) / 1000);
                    count(response == null ? -1 : response.statusCode(), accepted, refused, errors);
                  }));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(120, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(accepted.get(), refused.get(), errors.get(), seconds, latencies);
  }

  /** {@code buyers} buyers each ordering one unit of the SKU back to back for the duration. */
  Run closedLoop(String sku, int buyers, Duration duration) throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    for (int b = 0; b < buyers; b++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              long sent = System.nanoTime();
              int status;
              try {
                status =
                    http.send(orderRequest(sku), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
              } catch (Exception e) {
                status = -1;
              }
              latencies.add((System.nanoTime() - sent) / 1000);
              count(status, accepted, refused, errors);
              if (status == 409) {
                return; // sold out
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(accepted.get(), refused.get(), errors.get(), seconds, latencies);
  }

  /** Sequential transactions that increment one document: the most one document takes here. */
  static double rawSingleDocumentTransactionsPerSecond(
      String firestoreHost, String project, Duration duration) throws Exception {
    try (Firestore firestore =
        FirestoreOptions.newBuilder()
            .setProjectId(project)
            .setEmulatorHost(firestoreHost)
            .setCredentials(new FirestoreOptions.EmulatorCredentials())
            .build()
            .getService()) {
      DocumentReference doc = firestore.collection("bench").document("single");
      doc.set(Map.of("n", 0L)).get();
      long end = System.nanoTime() + duration.toNanos();
      long start = System.nanoTime();
      int transactions = 0;
      while (System.nanoTime() < end) {
        firestore
            .runTransaction(
                tx -> {
                  long n = tx.get(doc).get().getLong("n");
                  tx.update(doc, "n", n + 1);
                  return null;
                })
            .get();
        transactions++;
      }
      return transactions / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Units reserved for a SKU, as order intake reports it. */
  long reserved(String sku) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(publicUrl + "/v1/availability/" + sku))
                .header(STOREFRONT_KEY_HEADER, storefrontKey)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    return json.get("reserved").asLong();
  }

  private HttpRequest orderRequest(String sku) {
    String body =
        "{\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":[{\"sku\":\""
            + sku
            + "\",\"quantity\":1,\"unit_price_minor\":1000}]}";
    return HttpRequest.newBuilder(URI.create(publicUrl + "/v1/orders"))
        .timeout(Duration.ofSeconds(60))
        .header(STOREFRONT_KEY_HEADER, storefrontKey)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void count(
      int status, AtomicInteger accepted, AtomicInteger refused, AtomicInteger errors) {
    if (status == 201) {
      accepted.incrementAndGet();
    } else if (status == 409) {
      refused.incrementAndGet();
    } else {
      errors.incrementAndGet();
    }
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  void log(String message) {
    progress.accept(message);
  }
}
