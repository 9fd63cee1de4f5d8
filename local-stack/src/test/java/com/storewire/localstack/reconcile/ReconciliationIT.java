package com.storewire.localstack.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.storewire.localstack.JavaProcess;
import com.storewire.localstack.LocalServices;
import com.storewire.localstack.stack.LocalStack;
import com.storewire.reconciliation.ReconcileCommand;
import com.storewire.reconciliation.run.RunReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation job against the whole local stack (emulators, vendor sandbox, order-intake and
 * every connector function in their own processes): drift edited by hand in a marketplace is found
 * and corrected through the connectors, a dropped webhook's order is recovered once, an update in
 * flight is left alone, a killed task resumes from its checkpoint, and a throttling vendor only
 * slows the job.
 */
class ReconciliationIT {

  /** Short locally, so a test need not wait long for its changes to count as settled. */
  private static final Duration WINDOW = Duration.ofSeconds(2);

  private static final Duration CONVERGE = Duration.ofSeconds(120);

  private static LocalStack stack;
  private static ReconcileScenario scenario;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    stack = LocalStack.start("reconcile-test", 13);
    scenario = new ReconcileScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void driftEditedByHandIsFoundAndCorrectedThroughTheConnectors() throws Exception {
    List<String> skus = ReconcileScenario.skus("RC-DRIFT", 30);
    scenario.stock(skus, 20, CONVERGE);
    settle();
    long truth =
        scenario
            .intake()
            .truths(List.of("RC-DRIFT-3"))
            .get("RC-DRIFT-3")
            .channels()
            .get("shopify")
            .sellable();
    scenario.editByHand("shopify", "RC-DRIFT-3", (int) truth + 7);
    scenario.editByHand("ebay", "RC-DRIFT-5", 0);

    RunReport report = LocalReconciliation.run(stack, "drift", 2, false, WINDOW);

    assertThat(report.failed()).as(report.toTable()).isFalse();
    assertThat(report.count("differences.shopify.DRIFT")).as(report.toTable()).isEqualTo(1);
    assertThat(report.count("differences.ebay.DRIFT")).isEqualTo(1);
    assertThat(report.total("corrections")).isEqualTo(2);
    assertThat(report.count("skus_checked")).isGreaterThanOrEqualTo(skus.size());
    scenario.awaitConverged(skus, CONVERGE);
    assertThat(stack.sandbox().imitation("shopify").inventory().get("RC-DRIFT-3"))
        .isEqualTo((int) truth);

    RunReport again = LocalReconciliation.run(stack, "drift-again", 1, false, WINDOW);
    assertThat(again.total("corrections")).as("nothing left to correct").isZero();
  }

  @Test
  void aDroppedWebhooksOrderIsRecoveredExactlyOnce() throws Exception {
    scenario.stock(List.of("RC-ORDER-1"), 10, CONVERGE);
    stack.admin("shopify", "faults", "{\"kind\":\"DROPPED_WEBHOOK\",\"requests\":1}");
    String sold = stack.admin("shopify", "sell", "{\"sku\":\"RC-ORDER-1\",\"quantity\":2}");
    String orderId = "shopify-" + sold.replaceAll(".*\"order_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertThat(status("/v1/orders/" + orderId)).as("the webhook never came").isEqualTo(404);
    settle();

    RunReport first = LocalReconciliation.run(stack, "orders-1", 1, false, WINDOW);
    RunReport second = LocalReconciliation.run(stack, "orders-2", 1, false, WINDOW);

    assertThat(first.count("orders_recovered.shopify")).as(first.toTable()).isEqualTo(1);
    assertThat(second.total("orders_recovered")).as(second.toTable()).isZero();
    assertThat(status("/v1/orders/" + orderId)).isEqualTo(200);
    assertThat(scenario.intake().truths(List.of("RC-ORDER-1")).get("RC-ORDER-1").reserved())
        .as("reserved once")
        .isEqualTo(2);
  }

  @Test
  void anUpdateStillInFlightIsNotCorrected() throws Exception {
    scenario.stock(List.of("RC-FLIGHT-1"), 12, CONVERGE);
    String shopifyFunction = "shopify-stock";
    stack.crashFunction(shopifyFunction);
    try {
      // The warehouse counts again; Shopify's connector is down, so its copy is behind the truth.
      scenario.recount("RC-FLIGHT-1", 30);
      awaitOnHand("RC-FLIGHT-1", 30);

      RunReport report =
          LocalReconciliation.run(stack, "in-flight", 1, false, Duration.ofSeconds(120));

      assertThat(report.count("differences.shopify.STALE")).as(report.toTable()).isEqualTo(1);
      assertThat(report.count("corrections.shopify")).isZero();
    } finally {
      stack.restartFunction(shopifyFunction);
    }
    scenario.awaitConverged(List.of("RC-FLIGHT-1"), CONVERGE);
  }

  @Test
  void aTaskKilledHalfwayResumesFromItsCheckpointAndAddsUpToOneCleanRun() throws Exception {
    List<String> skus = ReconcileScenario.skus("RC-KILL", 200);
    scenario.stock(skus, 9, CONVERGE);
    settle();
    for (int i = 1; i <= 8; i++) {
      scenario.editByHand(ReconcileScenario.MARKETPLACES.get(i % 4), "RC-KILL-" + (i * 20), 1);
    }
    RunReport clean = LocalReconciliation.run(stack, "kill-reference", 1, true, WINDOW);

    Map<String, String> env = LocalReconciliation.env(stack, "killed", 0, 1, WINDOW);
    env.put("STOREWIRE_RECONCILE_PAGE_SIZE", "10");
    try (JavaProcess task = startTask(env);
        Firestore db = firestore()) {
      awaitPagesDone(db, "killed--task-0-of-1", task);
      task.kill();
    }
    env.put("CLOUD_RUN_TASK_ATTEMPT", "1");
    RunReport resumed =
        ReconcileCommand.runTask(env, false, LocalReconciliation.identityTokens(stack));

    assertThat(resumed.resumed()).isTrue();
    assertThat(resumed.count("skus_checked")).isEqualTo(clean.count("skus_checked"));
    for (String channel : ReconcileScenario.MARKETPLACES) {
      for (String kind : RunReport.KINDS) {
        String key = "differences." + channel + "." + kind;
        assertThat(resumed.count(key)).as(key).isEqualTo(clean.count(key));
      }
    }
    assertThat(resumed.total("corrections")).isEqualTo(clean.total("differences") - staleIn(clean));
    scenario.awaitConverged(skus, CONVERGE);
  }

  @Test
  void aThrottlingVendorSlowsTheJobAndLosesNothing() throws Exception {
    scenario.stock(ReconcileScenario.skus("RC-THROTTLE", 20), 7, CONVERGE);
    settle();
    RunReport calm = LocalReconciliation.run(stack, "calm", 1, true, WINDOW);

    stack.admin("ebay", "faults", "{\"kind\":\"THROTTLE\",\"requests\":3}");
    stack.admin("woocommerce", "faults", "{\"kind\":\"THROTTLE\",\"requests\":3}");
    RunReport throttled = LocalReconciliation.run(stack, "throttled", 1, true, WINDOW);

    assertThat(throttled.failed()).as(throttled.toTable()).isFalse();
    for (String channel : List.of("ebay", "woocommerce")) {
      assertThat(throttled.count("vendor_calls." + channel))
          .as("%s retried each throttled call", channel)
          .isGreaterThanOrEqualTo(calm.count("vendor_calls." + channel) + 3);
      assertThat(throttled.count("listings_read." + channel))
          .isEqualTo(calm.count("listings_read." + channel));
    }
    assertThat(throttled.total("differences")).isEqualTo(calm.total("differences"));
  }

  private static long staleIn(RunReport report) {
    return report.counts().entrySet().stream()
        .filter(e -> !e.getKey().endsWith(".DRIFT") && e.getKey().startsWith("differences."))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Lets the propagation window pass, so what was just written counts as settled. */
  private static void settle() throws InterruptedException {
    Thread.sleep(WINDOW.toMillis() + 500);
  }

  private void awaitOnHand(String sku, long onHand) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (scenario.intake().truths(List.of(sku)).get(sku).onHand() != onHand) {
      assertThat(Instant.now()).as("on hand of %s reaches %d", sku, onHand).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private int status(String path) throws Exception {
    return http.send(
            stack.asOperator(HttpRequest.newBuilder(URI.create(stack.intakeUrl() + path))).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The job's task in its own JVM, as Cloud Run starts it, so it can be killed mid-run. */
  private static JavaProcess startTask(Map<String, String> env) throws Exception {
    Path home = LocalServices.home();
    Path logs = Files.createDirectories(home.resolve(".storewire/logs"));
    return JavaProcess.start(
        "reconciliation-task",
        List.of(
            "-cp",
            home.resolve("local-stack/target/lib") + "/*",
            "com.storewire.reconciliation.ReconcileCommand"),
        new HashMap<>(env),
        logs);
  }

  private static Firestore firestore() {
    return FirestoreOptions.getDefaultInstance().toBuilder()
        .setProjectId(stack.project())
        .setEmulatorHost(stack.emulators().firestore().hostPort())
        .setCredentials(new FirestoreOptions.EmulatorCredentials())
        .build()
        .getService();
  }

  /** Waits until the task has checkpointed a page of SKUs, with pages still to go. */
  private static void awaitPagesDone(Firestore db, String taskDoc, JavaProcess task)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      DocumentSnapshot checkpoint =
          db.collection("reconciliation_tasks").document(taskDoc).get().get();
      if (checkpoint.exists()
          && Boolean.TRUE.equals(checkpoint.getBoolean("stock_started"))
          && checkpoint.getString("next_stock_page") != null) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the task never checkpointed a page; see " + task.log());
  }
}
