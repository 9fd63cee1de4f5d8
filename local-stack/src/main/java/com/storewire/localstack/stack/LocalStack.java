package com.storewire.localstack.stack;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployable.Kind;
import com.storewire.deployment.Deployment;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.localstack.JavaProcess;
import com.storewire.localstack.LocalServices;
import com.storewire.localstack.cloud.Access;
import com.storewire.localstack.cloud.CloudRunFront;
import com.storewire.localstack.cloud.FunctionHostProcess;
import com.storewire.localstack.cloud.LocalGoogle;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All of Storewire on one machine, run from the deployment description terraform deploys: the
 * Pub/Sub and Firestore emulators with the catalog provisioned, the vendor sandbox, and every
 * service and function the description lists, each behind a front that does what Cloud Run does in
 * front of it ({@link CloudRunFront}: the IAM check of its invokers, its concurrency per instance,
 * its instances), with exactly the environment and secrets the description gives it ({@link
 * LocalEnvironment}). Every push subscription reaches its deployable through the {@link PushBridge}
 * with an ID token of the push identity, as Pub/Sub push does. The vendors' webhooks point where
 * they would in production: marketplaces at order-intake-public, ShipStation and Logiwa at the
 * webhook function. Closing it stops everything it started, in reverse order; a shutdown hook does
 * the same on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

  public static final String WEBHOOK_FUNCTION = "vendor-webhook";

  /** Settings only the running stack knows (URLs of its own fronts); the sandbox has the rest. */
  static final java.util.Set<String> STACK_SETTINGS = java.util.Set.of(Deployment.EBAY_ENDPOINT);

  /** The header a storefront sends its API key in (order-intake-public checks it). */
  public static final String STOREFRONT_KEY_HEADER = "X-Storewire-Storefront-Key";

  /**
   * The catalog's retry backoffs (10 s to 10 min) divided by this: a local run lasts minutes. Five
   * attempts still span over a minute (5 + 10 + 20 + 40 s), longer than a crashed function takes to
   * come back here, so its messages wait for it instead of being dead-lettered.
   */
  private static final int LOCAL_BACKOFF_DIVISOR = 2;

  private final Deque<AutoCloseable> started = new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final String project;
  private final Deployment deployment = Deployment.storewire();
  private final LocalSecrets secrets = LocalSecrets.load();
  private Emulators emulators;
  private SandboxServer sandbox;
  private LocalGoogle google;
  private LocalEnvironment environment;
  private final Map<String, CloudRunFront> fronts = new ConcurrentHashMap<>();
  private final Map<String, FunctionHostProcess> functionHosts = new ConcurrentHashMap<>();
  private final List<JavaProcess> serviceProcesses =
      new java.util.concurrent.CopyOnWriteArrayList<>();
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

  /**
   * In production's order: the backbone (topics, subscriptions, Firestore) and the identities exist
   * before any deployable; every deployable's URL exists before any starts (the URLs are in each
   * other's environments); pushes start once their endpoints answer; vendors are pointed at the
   * public URLs last.
   */
  private void startAll(long seed) {
    emulators = track(Emulators.start());
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    new CatalogProvisioner(pubsub, project)
        .forLocalStack(LOCAL_BACKOFF_DIVISOR)
        .provision(deployment.catalog());
    sandbox = track(VendorSandbox.start(0, seed, secrets.sandboxCredentials()));
    google = track(LocalGoogle.start(project));
    environment =
        new LocalEnvironment(
            project,
            VendorSandbox.connectorSettings(sandbox, secrets.sandboxCredentials()),
            secrets,
            Map.of(
                "PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort(),
                "FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort()),
            google::metadataEnv,
            google.certsUrl());
    for (Deployable d : deployment.deployables()) {
      if (d.kind() == Kind.SERVICE || d.kind() == Kind.FUNCTION) {
        CloudRunFront front =
            track(
                CloudRunFront.start(
                    d.name(), access(d), List.of(), d.scaling().concurrency(), google));
        fronts.put(d.name(), front);
        environment.answersAt(d.name(), front.baseUrl());
      }
    }
    // eBay hashes the endpoint URL it was given into its challenge: the public front's, here.
    environment.setting(
        Deployment.EBAY_ENDPOINT,
        fronts.get(Deployment.ORDER_INTAKE_PUBLIC).baseUrl() + "/v1/webhooks/ebay/notifications");
    startDeployables();
    bridge = track(new PushBridge(pubsub, project));
    for (Deployable d : deployment.deployables()) {
      if (d.pushes().isEmpty()) {
        continue;
      }
      String endpoint = fronts.get(d.name()).baseUrl();
      d.pushes()
          .forEach(
              (subscription, path) ->
                  bridge.route(subscription, endpoint + pushPath(path), () -> pushToken(endpoint)));
    }
    pointWebhooks();
  }

  /** The IAM members of a deployable, as terraform binds them. */
  private Access access(Deployable d) {
    if (d.access().isPublic()) {
      return Access.publicService();
    }
    return Access.invokers(d.access().invokers().stream().map(this::invokerEmail).toList());
  }

  private String invokerEmail(String invoker) {
    return environment.email(invoker);
  }

  /** What Pub/Sub push sends: an ID token of the push identity for the endpoint's audience. */
  private String pushToken(String endpoint) {
    URI uri = URI.create(endpoint);
    String audience = uri.getScheme() + "://" + uri.getAuthority();
    return google.idToken(environment.email(Deployment.PUSH_IDENTITY), audience);
  }

  private static String pushPath(String path) {
    return "/".equals(path) ? "" : path;
  }

  /** Every service and function, started together, then awaited and routed to. */
  private void startDeployables() {
    Map<String, java.util.concurrent.Future<?>> starting = new LinkedHashMap<>();
    java.util.concurrent.ExecutorService starter =
        java.util.concurrent.Executors.newCachedThreadPool();
    try {
      for (Deployable d : deployment.deployables()) {
        if (d.kind() == Kind.SERVICE) {
          starting.put(d.name(), starter.submit(() -> startService(d)));
        } else if (d.kind() == Kind.FUNCTION) {
          starting.put(d.name(), starter.submit(() -> startFunction(d)));
        }
      }
      for (Map.Entry<String, java.util.concurrent.Future<?>> start : starting.entrySet()) {
        try {
          start.getValue().get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(
              start.getKey() + " did not start: " + e.getCause().getMessage(), e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      starter.shutdown();
    }
  }

  /**
   * A Cloud Run service's instances, each a JVM of its image's jar: as many as it keeps warm, at
   * least one (Cloud Run starts one on the first request).
   */
  private Void startService(Deployable d) {
    List<URI> instances = new ArrayList<>();
    Map<String, String> env = new java.util.TreeMap<>(environment.of(d));
    if (d.name().equals(Deployment.ORDER_INTAKE_PUBLIC)) {
      // In Google Cloud its counters are read in Cloud Monitoring; here the flash sale reads them
      // from each instance's /metrics, which the public deployment serves only when told to.
      env.put("STOREWIRE_PUBLIC_METRICS_ENDPOINT", "true");
    }
    for (int i = 0; i < Math.max(1, d.scaling().minInstances()); i++) {
      JavaProcess process = track(LocalServices.service(d, env));
      serviceProcesses.add(process);
      instances.add(URI.create(process.baseUrl()));
    }
    fronts.get(d.name()).route(instances);
    return null;
  }

  /**
   * A function's instances, as many as it may scale to, sharing one JVM but each with its own class
   * loader (its own limiters, coalescer and tokens).
   */
  private Void startFunction(Deployable d) {
    FunctionHostProcess host =
        track(
            FunctionHostProcess.start(
                d.name(),
                d.entryPoint(),
                d.scaling().maxInstances(),
                LocalServices.functionArchive().toString(),
                environment.of(d),
                LocalServices.logs()));
    functionHosts.put(d.name(), host);
    fronts.get(d.name()).route(host.instances());
    return null;
  }

  /** Kills every instance of a connector function at once, as a crashed host dies. */
  public void crashFunction(String name) {
    functionHosts.get(name).kill();
  }

  /**
   * Starts the function's instances anew, as Cloud Run replaces crashed ones; its URL stays, so its
   * pushes find it again.
   */
  public void restartFunction(String name) {
    startFunction(deployment.deployable(name));
  }

  /** Every log file the connector functions' processes wrote, restarted instances included. */
  public List<Path> functionLogs() {
    return started.stream()
        .filter(FunctionHostProcess.class::isInstance)
        .map(p -> ((FunctionHostProcess) p).log())
        .toList();
  }

  /** Points every vendor's webhooks at the public URLs, as docs/deploy.md registers them. */
  private void pointWebhooks() {
    Map<String, String> marketplaceHooks =
        Map.of(
            "shopify", "/v1/webhooks/shopify/orders-create",
            "woocommerce", "/v1/webhooks/woocommerce/order-created",
            "ebay", "/v1/webhooks/ebay/notifications",
            "amazon", "/v1/webhooks/amazon/order-change");
    marketplaceHooks.forEach(
        (vendor, path) ->
            ((SellingImitation) sandbox.imitation(vendor)).deliverTo(publicUrl() + path));
    String token = "?token=" + secrets.get("STOREWIRE_WEBHOOK_TOKEN");
    admin(
        "logiwa",
        "inventory-webhook-target",
        "{\"url\":\"" + webhookFunctionUrl() + "/logiwa/inventory-change" + token + "\"}");
    // ShipStation's own API: the retailer subscribes SHIP_NOTIFY once per store.
    send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl("shipstation") + "/webhooks/subscribe"))
            .header("Authorization", shipStationAuthorization())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"event\":\"SHIP_NOTIFY\",\"target_url\":\""
                        + webhookFunctionUrl()
                        + "/shipstation/SHIP_NOTIFY"
                        + token
                        + "\"}")));
  }

  private String shipStationAuthorization() {
    String pair = secrets.get("SHIPSTATION_API_KEY") + ":" + secrets.get("SHIPSTATION_API_SECRET");
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
   * A request as one of Storewire's operators makes it to a private service: with their Google
   * identity, which the service's front checks against its invokers.
   */
  public HttpRequest.Builder asOperator(HttpRequest.Builder request) {
    URI uri = request.copy().build().uri();
    String audience = uri.getScheme() + "://" + uri.getAuthority();
    return request.header(
        "Authorization",
        "Bearer " + google.idToken(environment.email(Deployable.Access.OPERATORS), audience));
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
    Instant deadline = Instant.now().plus(SEND_PATIENCE);
    long backoffMillis = 500;
    while (true) {
      try {
        HttpResponse<String> response =
            SEND_CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        boolean again = repeatable && (status == 429 || status == 503);
        if (status / 100 == 2 || !again || Instant.now().isAfter(deadline)) {
          if (status / 100 != 2) {
            throw new IllegalStateException(
                built.uri() + " answered " + status + ": " + response.body());
          }
          return response.body();
        }
      } catch (IOException e) {
        if (!repeatable || Instant.now().isAfter(deadline)) {
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

  /** order-intake's private URL: pushes, SKU settings, reads; callers need an accepted identity. */
  public String intakeUrl() {
    return fronts.get(Deployment.ORDER_INTAKE).baseUrl();
  }

  /** order-intake-public's URL: the storefront API and the marketplaces' webhooks. */
  public String publicUrl() {
    return fronts.get(Deployment.ORDER_INTAKE_PUBLIC).baseUrl();
  }

  /** A storefront API key order-intake-public accepts (the first of the local ones). */
  public String storefrontKey() {
    return secrets.get("STOREWIRE_STOREFRONT_API_KEYS").split(",")[0].trim();
  }

  /** Every instance of every Cloud Run service, as their metrics are collected: not via a front. */
  public List<String> serviceInstanceUrls() {
    return serviceProcesses.stream().map(JavaProcess::baseUrl).toList();
  }

  public String webhookFunctionUrl() {
    return fronts.get(WEBHOOK_FUNCTION).baseUrl();
  }

  /** Each connector function's URL, by deployable name. */
  public Map<String, String> functionUrls() {
    Map<String, String> urls = new java.util.TreeMap<>();
    deployment
        .deployables(Kind.FUNCTION)
        .forEach(d -> urls.put(d.name(), fronts.get(d.name()).baseUrl()));
    return urls;
  }

  /** The front of a service or function: its IAM check, concurrency and instances, counted. */
  public CloudRunFront front(String deployable) {
    return fronts.get(deployable);
  }

  public Deployment deployment() {
    return deployment;
  }

  public LocalSecrets secrets() {
    return secrets;
  }

  public LocalEnvironment environment() {
    return environment;
  }

  public LocalGoogle google() {
    return google;
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
}
