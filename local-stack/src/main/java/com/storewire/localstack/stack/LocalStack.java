package com.storewire.localstack.stack;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.localstack.JavaProcess;
import com.storewire.localstack.LocalConnectors;
import com.storewire.localstack.LocalServices;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.core.SellingImitation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All of Storewire on one machine: the Pub/Sub and Firestore emulators with the catalog
 * provisioned, the vendor sandbox, order-intake, and every connector function under the Functions
 * Framework invoker as an HTTP function, each fed from its catalog subscriptions through the {@link
 * PushBridge}. The vendors' webhooks point where they would in production: marketplaces at
 * order-intake, ShipStation and Logiwa at the webhook function. Closing it stops everything it
 * started, in reverse order; a shutdown hook does the same on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

  /**
   * Each pushed function's entry point and the catalog subscriptions that push to it, from the
   * deployment description terraform deploys.
   */
  public static final Map<String, List<String>> FUNCTIONS = functions();

  /** order-intake's push endpoint per subscription it consumes, from the same description. */
  static final Map<String, String> INTAKE_PUSH_PATHS =
      Deployment.storewire().deployable(Deployment.ORDER_INTAKE).pushes();

  public static final String WEBHOOK_FUNCTION =
      Deployment.storewire().deployable("vendor-webhook").entryPoint();

  private static final String WEBHOOK_TOKEN = "local-webhook-token";

  /**
   * The catalog's retry backoffs (10 s to 10 min) divided by this: a local run lasts minutes. Five
   * attempts still span over a minute (5 + 10 + 20 + 40 s), longer than a crashed function takes to
   * come back here, so its messages wait for it instead of being dead-lettered.
   */
  private static final int LOCAL_BACKOFF_DIVISOR = 2;

  private final Deque<AutoCloseable> started = new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final String project;
  private Emulators emulators;
  private SandboxServer sandbox;
  private LocalServices.Service intake;
  private String webhookFunctionUrl;
  private final Map<String, String> functionUrls = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, JavaProcess> functionProcesses = new LinkedHashMap<>();
  private final Map<String, String> functionEnv = new HashMap<>();
  private PushBridge bridge;
  private final Thread shutdownHook = new Thread(this::stopAll, "storewire-stack-stop");

  private LocalStack(String project) {
    this.project = project;
  }

  /** Starts the whole stack; on any failure stops what had started and rethrows. */
  public static LocalStack start(String project, long seed) {
    LocalStack stack = new LocalStack(project);
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    try {
      stack.startAll(seed);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(long seed) {
    emulators = track(Emulators.start());
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    new CatalogProvisioner(pubsub, project)
        .forLocalStack(LOCAL_BACKOFF_DIVISOR)
        .provision(Catalog.storewire());
    sandbox = track(VendorSandbox.start(0, seed, VendorSandbox.Credentials.local()));
    Map<String, String> intakeEnv = new HashMap<>();
    intakeEnv.put(
        "STOREWIRE_WEBHOOKS_EBAY_PUBLIC_KEY_URL",
        sandbox.baseUrl("ebay") + "/commerce/notification/v1/public_key/");
    intake = track(LocalServices.orderIntake(emulators, project, intakeEnv));
    startFunctions();
    bridge = track(new PushBridge(pubsub, project));
    for (SubscriptionSpec subscription : Catalog.storewire().subscriptions()) {
      deliver(subscription, pubsub);
    }
    pointWebhooks();
  }

  /**
   * Sends a subscription's messages where they go in production: order-intake's by push, the
   * connector functions' by push too, through the bridge; the pipelines' are read by Beam, not
   * here.
   */
  private void deliver(SubscriptionSpec subscription, PubSubRest pubsub) {
    if (subscription.consumer() == Component.ORDER_INTAKE) {
      String path = INTAKE_PUSH_PATHS.get(subscription.name());
      if (path != null) {
        pubsub.pushTo(project, subscription.name(), intake.baseUrl() + path);
      }
    } else if (subscription.consumer() == Component.CONNECTOR_FUNCTIONS) {
      String function =
          FUNCTIONS.entrySet().stream()
              .filter(f -> f.getValue().contains(subscription.name()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no function for " + subscription.name()));
      bridge.route(subscription.name(), functionUrls.get(function));
    }
  }

  /** Every function in its own invoker JVM, started together, then awaited. */
  private void startFunctions() {
    functionEnv.putAll(LocalConnectors.env(emulators, project, sandbox));
    functionEnv.put("STOREWIRE_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
    List<String> targets = new java.util.ArrayList<>(FUNCTIONS.keySet());
    targets.add(WEBHOOK_FUNCTION);
    targets.forEach(target -> functionProcesses.put(target, track(startFunction(target))));
    functionProcesses.forEach(
        (target, process) ->
            functionUrls.put(
                target, process.awaitAnswering("/", Duration.ofSeconds(90)).baseUrl()));
    webhookFunctionUrl = functionUrls.remove(WEBHOOK_FUNCTION);
  }

  private JavaProcess startFunction(String target) {
    return LocalServices.connectorFunction(target, functionEnv);
  }

  /** Kills a connector function's process at once, as a crashed instance dies. */
  public void crashFunction(String target) {
    functionProcesses.get(target).kill();
  }

  /**
   * Starts a new instance of a connector function, as Cloud Functions replaces a crashed one, and
   * routes its triggers to it.
   */
  public void restartFunction(String target) {
    JavaProcess process = track(startFunction(target));
    functionProcesses.put(target, process);
    String url = process.awaitAnswering("/", Duration.ofSeconds(90)).baseUrl();
    functionUrls.put(target, url);
    FUNCTIONS.get(target).forEach(subscription -> bridge.route(subscription, url));
  }

  /** Every log file the connector functions' processes wrote, restarted instances included. */
  public List<Path> functionLogs() {
    return started.stream()
        .filter(JavaProcess.class::isInstance)
        .map(p -> ((JavaProcess) p).log())
        .filter(log -> !log.getFileName().toString().startsWith("order-intake"))
        .toList();
  }

  /** Points every vendor's webhooks where a production deployment points them. */
  private void pointWebhooks() {
    Map<String, String> marketplaceHooks =
        Map.of(
            "shopify", "/v1/webhooks/shopify/orders-create",
            "woocommerce", "/v1/webhooks/woocommerce/order-created",
            "ebay", "/v1/webhooks/ebay/notifications",
            "amazon", "/v1/webhooks/amazon/order-change");
    marketplaceHooks.forEach(
        (vendor, path) ->
            ((SellingImitation) sandbox.imitation(vendor)).deliverTo(intake.baseUrl() + path));
    String token = "?token=" + WEBHOOK_TOKEN;
    admin(
        "logiwa",
        "inventory-webhook-target",
        "{\"url\":\"" + webhookFunctionUrl + "/logiwa/inventory-change" + token + "\"}");
    // ShipStation's own API: the retailer subscribes SHIP_NOTIFY once per store.
    send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl("shipstation") + "/webhooks/subscribe"))
            .header("Authorization", shipStationAuthorization())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"event\":\"SHIP_NOTIFY\",\"target_url\":\""
                        + webhookFunctionUrl
                        + "/shipstation/SHIP_NOTIFY"
                        + token
                        + "\"}")));
  }

  private String shipStationAuthorization() {
    Map<String, String> settings =
        VendorSandbox.connectorSettings(sandbox, VendorSandbox.Credentials.local());
    String pair =
        settings.get("SHIPSTATION_API_KEY") + ":" + settings.get("SHIPSTATION_API_SECRET");
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A sandbox admin action, e.g. a WMS receipt or where its webhooks go. */
  public String admin(String vendor, String action, String json) {
    return send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + sandbox.port() + "/_admin/" + vendor + "/" + action))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * Sends a request to a local service; its body, or an error naming the answer if not 2xx. On a
   * busy machine one answer can take long: a request that changes nothing, or changes it the same
   * way each time (GET, PUT), is tried again on a timeout, a dropped connection, 429 or 503, with
   * backoff, for up to {@link #SEND_PATIENCE}, so no single slow answer ends a run.
   */
  public static String send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(ATTEMPT_TIMEOUT).build();
    boolean repeatable = List.of("GET", "PUT", "HEAD").contains(built.method());
    java.time.Instant deadline = java.time.Instant.now().plus(SEND_PATIENCE);
    long backoffMillis = 500;
    while (true) {
      try {
        HttpResponse<String> response =
            SEND_CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        boolean again = repeatable && (status == 429 || status == 503);
        if (status / 100 == 2 || !again || java.time.Instant.now().isAfter(deadline)) {
          if (status / 100 != 2) {
            throw new IllegalStateException(
                built.uri() + " answered " + status + ": " + response.body());
          }
          return response.body();
        }
      } catch (IOException e) {
        if (!repeatable || java.time.Instant.now().isAfter(deadline)) {
          throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        }
        System.err.printf("storewire: %s %s: %s; trying again%n", built.method(), built.uri(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      backoffMillis = Math.min(backoffMillis * 2, 8_000);
    }
  }

  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SEND_PATIENCE = Duration.ofMinutes(5);
  private static final HttpClient SEND_CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public String project() {
    return project;
  }

  public Emulators emulators() {
    return emulators;
  }

  public SandboxServer sandbox() {
    return sandbox;
  }

  public String intakeUrl() {
    return intake.baseUrl();
  }

  public String webhookFunctionUrl() {
    return webhookFunctionUrl;
  }

  /** Each function's entry point and its URL. */
  public Map<String, String> functionUrls() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functionUrls));
  }

  public PushBridge bridge() {
    return bridge;
  }

  private <T extends AutoCloseable> T track(T resource) {
    started.push(resource);
    return resource;
  }

  private synchronized void stopAll() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("storewire: stopping failed: " + e);
      }
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook itself is running
    }
  }

  private static Map<String, List<String>> functions() {
    Map<String, List<String>> functions = new LinkedHashMap<>();
    for (Deployable d : Deployment.storewire().deployables(Deployable.Kind.FUNCTION)) {
      if (!d.pushes().isEmpty()) {
        functions.put(d.entryPoint(), List.copyOf(d.triggers()));
      }
    }
    return functions;
  }
}
