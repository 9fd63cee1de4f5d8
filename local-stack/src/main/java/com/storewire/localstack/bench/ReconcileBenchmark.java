package com.storewire.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.events.DriftDetected;
import com.storewire.events.DriftKind;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.localstack.LocalServices;
import com.storewire.localstack.reconcile.LocalReconciliation;
import com.storewire.localstack.reconcile.ReconcileScenario;
import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import com.storewire.reconciliation.run.RunReport;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The reconciliation job at catalogue scale: SKUs counted into order-intake, every marketplace's
 * copy set to the truth, then a share of SKU/channel pairs drifted by hand; the job runs once, and
 * what it reported as drift (DriftDetected on the {@code drift} topic) is compared with what was
 * injected. Connector functions do not run here: the corrections are counted as published, not
 * written (their writes are the connectors' benchmark).
 */
final class ReconcileBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WINDOW = Duration.ofSeconds(2);

  /**
   * Each marketplace's bulk read as its documented limits allow it at best, with the sandbox's page
   * sizes: calls beyond the burst, over the steady rate. The marketplaces are read at once, so the
   * bound is the slowest of them.
   */
  record ReadLimit(String channel, int itemsPerCall, int fixedCalls, double perSecond, int burst) {
    double seconds(int skus) {
      int calls = fixedCalls + (itemsPerCall == 0 ? 0 : (skus + itemsPerCall - 1) / itemsPerCall);
      return Math.max(0, calls - burst) / perSecond;
    }
  }

  record Result(
      int skus,
      int marketplaces,
      int tasks,
      int driftInjected,
      int driftFound,
      int falseCorrections,
      long vendorCalls,
      double callsPerSku,
      double seconds,
      double rateLimitBoundSeconds,
      // Null when the vendors' bursts cover every read: no limit bounds the run.
      Double secondsVsRateLimitBound,
      double seedSeconds,
      RunReport report) {}

  static Result run(
      int skuCount,
      double driftShare,
      int tasks,
      long seed,
      List<ReadLimit> limits,
      Consumer<String> progress)
      throws Exception {
    String project = "storewire-bench-reconcile";
    try (Emulators emulators = Emulators.start();
        SandboxServer sandbox = VendorSandbox.start(0, seed, VendorSandbox.Credentials.local());
        LocalServices.Service intake = LocalServices.orderIntake(emulators, project)) {
      PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
      new CatalogProvisioner(pubsub, project).forLocalStack(2).provision(Catalog.storewire());
      List<String> skus = ReconcileScenario.skus("BENCH", skuCount);

      long seedStart = System.nanoTime();
      progress.accept("counting " + skuCount + " SKUs into order-intake");
      countIn(intake.baseUrl(), skus, seed);
      OrderIntakeClient client =
          new OrderIntakeClient(intake.baseUrl(), LocalReconciliation.RECOVERY_SECRET);
      Map<String, SkuTruth> truth = new LinkedHashMap<>();
      String token = null;
      do {
        OrderIntakeClient.Page page = client.page(0, 1, 1000, token);
        page.items().forEach(t -> truth.put(t.sku(), t));
        token = page.nextPageToken();
      } while (token != null);
      progress.accept("setting every marketplace's copy to the truth, then drifting some");
      Random random = new Random(seed);
      Set<String> injected = new HashSet<>();
      for (String channel : ReconcileScenario.MARKETPLACES) {
        var inventory = sandbox.imitation(channel).inventory();
        for (SkuTruth t : truth.values()) {
          int sellable = (int) t.channels().get(channel).sellable();
          if (random.nextDouble() < driftShare) {
            inventory.set(t.sku(), sellable + 1 + random.nextInt(5));
            injected.add(channel + ":" + t.sku());
          } else {
            inventory.set(t.sku(), sellable);
          }
        }
      }
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      pubsub.createSubscription(
          project, "bench-drift", "drift", new PubSubRest.SubscriptionSpec(60, false, null, 0, ""));
      Thread.sleep(WINDOW.toMillis() + 500);

      progress.accept("running the job: " + tasks + " task(s)");
      long start = System.nanoTime();
      RunReport report =
          LocalReconciliation.run(
              index ->
                  LocalReconciliation.env(
                      emulators, project, sandbox, intake.baseUrl(), "bench", index, tasks, WINDOW),
              tasks,
              false);
      double seconds = (System.nanoTime() - start) / 1e9;

      Set<String> found = driftReported(pubsub, project);
      int hits = (int) found.stream().filter(injected::contains).count();
      double bound = limits.stream().mapToDouble(l -> l.seconds(skuCount)).max().orElse(0);
      long calls = report.total("vendor_calls");
      return new Result(
          skuCount,
          ReconcileScenario.MARKETPLACES.size(),
          tasks,
          injected.size(),
          hits,
          found.size() - hits,
          calls,
          (double) calls / skuCount,
          seconds,
          bound,
          bound > 0 ? seconds / bound : null,
          seedSeconds,
          report);
    }
  }

  /** Stock counts pushed to order-intake as its push subscription delivers them, 8 at a time. */
  private static void countIn(String intakeUrl, List<String> skus, long seed) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Random random = new Random(seed);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> pushes = new ArrayList<>();
      for (String sku : skus) {
        int onHand = 5 + random.nextInt(200);
        pushes.add(
            pool.submit(
                () -> {
                  Event event = ReconcileScenario.count(sku, onHand);
                  String body =
                      JSON.createObjectNode()
                          .put("subscription", "stock-adjustments--stock")
                          .set(
                              "message",
                              JSON.createObjectNode()
                                  .put(
                                      "data",
                                      Base64.getEncoder().encodeToString(EventJson.encode(event)))
                                  .put("messageId", event.getId()))
                          .toString();
                  HttpResponse<String> answer =
                      http.send(
                          HttpRequest.newBuilder(
                                  URI.create(intakeUrl + "/v1/push/stock-adjustments"))
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  if (answer.statusCode() >= 300) {
                    throw new IllegalStateException(
                        "order-intake refused a count: " + answer.statusCode() + answer.body());
                  }
                  return null;
                }));
      }
      for (Future<?> push : pushes) {
        push.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every SKU/channel pair the job reported as stock drift. */
  private static Set<String> driftReported(PubSubRest pubsub, String project) {
    Set<String> found = new HashSet<>();
    while (true) {
      List<PubSubRest.ReceivedMessage> messages = pubsub.pull(project, "bench-drift", 1000);
      if (messages.isEmpty()) {
        return found;
      }
      for (PubSubRest.ReceivedMessage message : messages) {
        Event event = EventJson.decode(message.data());
        if (event.getData() instanceof DriftDetected drift
            && drift.getKind() == DriftKind.STOCK_MISMATCH) {
          found.add(drift.getSystem().name().toLowerCase() + ":" + drift.getEntityId());
        }
      }
      pubsub.acknowledge(
          project,
          "bench-drift",
          messages.stream().map(PubSubRest.ReceivedMessage::ackId).toList());
    }
  }

  static JsonNode json(Result result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("skus", result.skus());
    json.put("marketplaces", result.marketplaces());
    json.put("tasks", result.tasks());
    json.put("drift_injected", result.driftInjected());
    json.put("drift_found", result.driftFound());
    json.put(
        "drift_found_ratio",
        result.driftInjected() == 0 ? 1.0 : (double) result.driftFound() / result.driftInjected());
    json.put("false_corrections", result.falseCorrections());
    json.put("vendor_calls", result.vendorCalls());
    json.put("calls_per_sku", result.callsPerSku());
    json.put("seconds", result.seconds());
    json.put("rate_limit_bound_seconds", result.rateLimitBoundSeconds());
    json.put("seconds_vs_rate_limit_bound", result.secondsVsRateLimitBound());
    json.put("seed_seconds", result.seedSeconds());
    Map<String, Long> calls = new LinkedHashMap<>();
    result
        .report()
        .counts()
        .forEach(
            (key, value) -> {
              if (key.startsWith("vendor_calls.")) {
                calls.put(key.substring("vendor_calls.".length()), value);
              }
            });
    json.put("vendor_calls_by_channel", calls);
    return JSON.valueToTree(json);
  }
}
