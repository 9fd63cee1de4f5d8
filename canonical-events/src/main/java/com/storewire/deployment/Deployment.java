package com.storewire.deployment;

import static com.storewire.deployment.EnvValue.fixed;
import static com.storewire.deployment.EnvValue.optionalSetting;
import static com.storewire.deployment.EnvValue.platform;
import static com.storewire.deployment.EnvValue.setting;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.deployment.Deployable.Access;
import com.storewire.deployment.Deployable.Kind;
import com.storewire.deployment.Deployable.Scaling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Every deployable of Storewire, the one description terraform ({@code
 * terraform/catalog/storewire-deployment.json}, exported by the build beside the catalog) and the
 * local stack both run. What pushes to a deployable comes from the {@link Catalog}; everything else
 * a deployable needs to start (its entry point, environment, secrets, concurrency, instances, and
 * who may call it) is said here once.
 */
public final class Deployment {

  /** Platform facts a deployable's environment may name ({@link EnvValue.Platform}). */
  public static final class Platform {
    public static final String PROJECT_ID = "project_id";

    /** {@code true} where Cloud Monitoring takes the meters, {@code false} locally. */
    public static final String METRICS_EXPORT = "metrics_export";

    /**
     * The JWKS that signs Pub/Sub push tokens: Google's ({@code
     * https://www.googleapis.com/oauth2/v3/certs}) on Google Cloud, the local identity stand-in's
     * locally.
     */
    public static final String GOOGLE_CERTS_URL = "google_certs_url";

    private Platform() {}

    /** The URL a deployable answers on. */
    public static String url(String deployable) {
      return "url:" + deployable;
    }

    /** The email of a service account, by account id. */
    public static String identity(String account) {
      return "identity:" + account;
    }
  }

  /** The Pub/Sub push identity: the only invoker of what only subscriptions call. */
  public static final String PUSH_IDENTITY = "pubsub-push";

  /** order-intake's private deployment: pushes, SKU settings, reads, recovered orders. */
  public static final String ORDER_INTAKE = "order-intake";

  /** order-intake's public deployment: the storefront's routes and the marketplaces' webhooks. */
  public static final String ORDER_INTAKE_PUBLIC = "order-intake-public";

  /** The variable that tells the order-intake image which deployment it is. */
  public static final String ORDER_INTAKE_ROUTES = "STOREWIRE_ROUTES";

  public static final String RECONCILIATION = "reconciliation";

  /**
   * The public URL of order-intake's {@code /v1/webhooks/ebay/notifications}, exactly as eBay's
   * destination was given it: eBay's endpoint challenge hashes it.
   */
  public static final String EBAY_ENDPOINT = "STOREWIRE_WEBHOOKS_EBAY_ENDPOINT";

  private static final String CONNECTORS = "com.storewire.connectors.";

  /** A function instance's count of its peers, for its part of its vendor's limits. */
  public static final String MAX_INSTANCES = "STOREWIRE_MAX_INSTANCES";

  /** The part of its vendor's limits a function's instances spend together (0 to 1). */
  public static final String VENDOR_SHARE = "STOREWIRE_VENDOR_SHARE";

  private static final String CONNECTORS_IDENTITY = "connectors";

  private static final Deployment STOREWIRE =
      new Deployment(Catalog.storewire(), storewireDeployables());

  private final Catalog catalog;
  private final Map<String, Deployable> deployables;

  Deployment(Catalog catalog, List<Deployable> deployables) {
    this.catalog = catalog;
    Map<String, Deployable> byName = new LinkedHashMap<>();
    deployables.forEach(
        d -> {
          if (byName.put(d.name(), d) != null) {
            throw new IllegalArgumentException("two deployables named " + d.name());
          }
        });
    this.deployables = byName;
    checkPushes();
  }

  public static Deployment storewire() {
    return STOREWIRE;
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<Deployable> deployables() {
    return List.copyOf(deployables.values());
  }

  public List<Deployable> deployables(Kind kind) {
    return deployables.values().stream().filter(d -> d.kind() == kind).toList();
  }

  public Deployable deployable(String name) {
    Deployable d = deployables.get(name);
    if (d == null) {
      throw new IllegalArgumentException("no deployable " + name);
    }
    return d;
  }

  /** The deployable a subscription pushes to, if it is a push subscription. */
  public java.util.Optional<Deployable> pushedTo(String subscription) {
    return deployables.values().stream()
        .filter(d -> d.pushes().containsKey(subscription))
        .findFirst();
  }

  /** Every secret, with the service accounts that read it. */
  public Map<String, Set<String>> secretReaders() {
    Map<String, Set<String>> readers = new TreeMap<>();
    for (Deployable d : deployables.values()) {
      d.secrets().forEach(s -> readers.computeIfAbsent(s, k -> new TreeSet<>()).add(d.identity()));
    }
    return readers;
  }

  /** The Secret Manager id of a secret variable: lower case, dashes. */
  public static String secretId(String variable) {
    return variable.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Every push subscription of the catalog reaches exactly one deployable of its component, and
   * nothing is pushed that the catalog does not push.
   */
  private void checkPushes() {
    Map<String, String> pushedBy = new TreeMap<>();
    for (Deployable d : deployables.values()) {
      for (String subscription : d.pushes().keySet()) {
        SubscriptionSpec spec =
            catalog.subscriptions().stream()
                .filter(s -> s.name().equals(subscription))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            d.name() + " is pushed from " + subscription + ", not in the catalog"));
        if (spec.consumer() != d.component() || spec.delivery() != Component.Delivery.PUSH) {
          throw new IllegalArgumentException(subscription + " is not a push subscription of " + d);
        }
        String other = pushedBy.put(subscription, d.name());
        if (other != null) {
          throw new IllegalArgumentException(subscription + " pushes to " + other + " and " + d);
        }
      }
    }
    for (SubscriptionSpec s : catalog.subscriptions()) {
      if (s.delivery() == Component.Delivery.PUSH && !pushedBy.containsKey(s.name())) {
        throw new IllegalArgumentException(s.name() + " pushes to no deployable");
      }
    }
  }

  private static List<Deployable> storewireDeployables() {
    List<Deployable> all = new ArrayList<>();
    all.add(orderIntake());
    all.add(orderIntakePublic());
    for (String channel : List.of("shopify", "amazon", "ebay", "woocommerce")) {
      all.add(stockFunction(channel));
    }
    all.add(
        function(
            "shipstation-order",
            "shipstation.ShipStationOrderFunction",
            "SHIPSTATION",
            List.of("orders--shipstation"),
            new Scaling(40, 0, 1),
            0.75));
    all.add(
        function(
            "shipstation-shipment",
            "shipstation.ShipStationShipmentFunction",
            "SHIPSTATION",
            List.of("raw-vendor-payloads--shipstation"),
            new Scaling(10, 0, 1),
            0.25));
    all.add(
        function(
            "klaviyo-event",
            "klaviyo.KlaviyoEventFunction",
            "KLAVIYO",
            List.of("orders--klaviyo", "shipments--klaviyo"),
            new Scaling(80, 0, 5),
            1));
    all.add(
        function(
            "logiwa-order",
            "logiwa.LogiwaOrderFunction",
            "LOGIWA",
            List.of("orders--logiwa"),
            new Scaling(100, 0, 1),
            1));
    all.add(
        function(
            "logiwa-inventory",
            "logiwa.LogiwaInventoryFunction",
            "LOGIWA",
            List.of("raw-vendor-payloads--logiwa"),
            new Scaling(80, 0, 10),
            1));
    all.add(vendorWebhook());
    all.add(reconciliation());
    all.addAll(pipelines());
    return all;
  }

  /**
   * order-intake's private deployment ({@code STOREWIRE_ROUTES=private}): pushes, SKU settings,
   * order and availability reads, recovered orders and the metrics endpoint, behind Cloud Run IAM
   * (the push identity, the reconciliation job, operators). It checks each push's OIDC token and
   * reads only the recovery secret.
   */
  private static Deployable orderIntake() {
    Map<String, EnvValue> env = new TreeMap<>(orderIntakeEnv("private", true));
    env.put("STOREWIRE_PUSH_OIDC_AUDIENCE", platform(Platform.url(ORDER_INTAKE)));
    env.put("STOREWIRE_PUSH_OIDC_SERVICE_ACCOUNT", platform(Platform.identity(PUSH_IDENTITY)));
    env.put("STOREWIRE_PUSH_OIDC_CERTS_URL", platform(Platform.GOOGLE_CERTS_URL));
    Map<String, String> pushes = new TreeMap<>();
    pushes.put("stock-adjustments--stock", "/v1/push/stock-adjustments");
    pushes.put("safety-stock--safety-stock", "/v1/push/safety-stock");
    pushes.put("shipments--fulfilment", "/v1/push/fulfilment");
    pushes.put("connector-alerts--compensation", "/v1/push/compensations");
    return new Deployable(
        ORDER_INTAKE,
        Kind.SERVICE,
        Component.ORDER_INTAKE,
        "order-intake",
        "order-intake",
        pushes,
        env,
        List.of("STOREWIRE_RECOVERY_SECRET"),
        new Scaling(80, 0, 10),
        Access.only(PUSH_IDENTITY, RECONCILIATION, Access.OPERATORS));
  }

  /**
   * order-intake's public deployment ({@code STOREWIRE_ROUTES=public}), the same image: only the
   * storefront's routes (its API key) and the marketplaces' webhooks (each vendor's signature),
   * which callers without a Google identity reach; every other route answers 404 there. It reads
   * the storefront's keys and the marketplaces' webhook secrets, and nothing private.
   */
  private static Deployable orderIntakePublic() {
    return new Deployable(
        ORDER_INTAKE_PUBLIC,
        Kind.SERVICE,
        Component.ORDER_INTAKE,
        "order-intake",
        "order-intake",
        Map.of(),
        orderIntakePublicEnv(),
        List.of(
            "AMAZON_EVENTBRIDGE_API_KEY",
            "EBAY_CLIENT_SECRET",
            "EBAY_VERIFICATION_TOKEN",
            "SHOPIFY_WEBHOOK_SECRET",
            "STOREWIRE_STOREFRONT_API_KEYS",
            "WOOCOMMERCE_WEBHOOK_SECRET"),
        new Scaling(80, 0, 20),
        Access.publicRoutes());
  }

  /**
   * The public deployment's settings beside what both read: eBay's webhook takes the eBay app's
   * keyset (an application token for getPublicKey) and answers eBay's endpoint challenge with the
   * verification token and the public URL eBay was given ({@value #EBAY_ENDPOINT}).
   */
  private static Map<String, EnvValue> orderIntakePublicEnv() {
    Map<String, EnvValue> env = new TreeMap<>(orderIntakeEnv("public", false));
    env.put("EBAY_BASE_URL", setting());
    env.put("EBAY_CLIENT_ID", setting());
    env.put(EBAY_ENDPOINT, setting());
    return env;
  }

  /**
   * What both order-intake deployments read. The outbox relay runs in both: one instance relays at
   * a time across both deployments (a lease in Firestore), and whichever deployment has an instance
   * up relays what either wrote, so a storefront order's events leave while the private one is
   * scaled to zero. The expiry sweeper runs in the private one only: reservations expire after
   * days, so a sweep need not wait on storefront traffic, and every public instance sweeping every
   * few seconds would only add reads and lost races.
   */
  private static Map<String, EnvValue> orderIntakeEnv(String routes, boolean sweeper) {
    Map<String, EnvValue> env = new TreeMap<>(serviceEnv());
    env.put(ORDER_INTAKE_ROUTES, fixed(routes));
    env.put("STOREWIRE_RELAY_ENABLED", fixed("true"));
    env.put("STOREWIRE_SWEEPER_ENABLED", fixed(Boolean.toString(sweeper)));
    return env;
  }

  private static Map<String, EnvValue> serviceEnv() {
    Map<String, EnvValue> env = new TreeMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", platform(Platform.PROJECT_ID));
    env.put("STOREWIRE_METRICS_EXPORT", platform(Platform.METRICS_EXPORT));
    return env;
  }

  /**
   * A marketplace's stock function, pushed from the routine and the urgent availability
   * subscriptions of its channel. Its instances take many deliveries at once so that its {@code
   * Coalescer} can merge a hot SKU's versions into one vendor call.
   */
  private static Deployable stockFunction(String channel) {
    String vendor = channel.toUpperCase(java.util.Locale.ROOT);
    String className =
        switch (channel) {
          case "shopify" -> "shopify.ShopifyStockFunction";
          case "amazon" -> "amazon.AmazonStockFunction";
          case "ebay" -> "ebay.EbayStockFunction";
          case "woocommerce" -> "woocommerce.WooCommerceStockFunction";
          default -> throw new IllegalArgumentException(channel);
        };
    return function(
        channel + "-stock",
        className,
        vendor,
        List.of("availability--" + channel, "availability--" + channel + "-urgent"),
        new Scaling(250, 0, 1),
        1);
  }

  /**
   * A connector function pushed from {@code triggers}. Its instances together spend {@code
   * vendorShare} of each documented limit of its vendor, each instance its part ({@code
   * STOREWIRE_VENDOR_SHARE / STOREWIRE_MAX_INSTANCES}): connector-functions' ConnectorScaling says
   * which limits each function draws on, and a test sums them over every function and instance.
   */
  private static Deployable function(
      String name,
      String className,
      String vendor,
      List<String> triggers,
      Scaling scaling,
      double vendorShare) {
    Map<String, EnvValue> env = new TreeMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", platform(Platform.PROJECT_ID));
    env.put(MAX_INSTANCES, fixed(Integer.toString(scaling.maxInstances())));
    env.put(VENDOR_SHARE, fixed(String.valueOf(vendorShare)));
    VendorCredentials.settings(vendor).forEach(s -> env.put(s, setting()));
    VendorCredentials.optionalSettings(vendor).forEach(s -> env.put(s, optionalSetting()));
    Map<String, String> pushes = new TreeMap<>();
    triggers.forEach(t -> pushes.put(t, "/"));
    return new Deployable(
        name,
        Kind.FUNCTION,
        Component.CONNECTOR_FUNCTIONS,
        CONNECTORS + className,
        CONNECTORS_IDENTITY,
        pushes,
        env,
        VendorCredentials.secrets(vendor),
        scaling,
        Access.only(PUSH_IDENTITY));
  }

  /**
   * Logiwa's and ShipStation's webhooks: vendors call it, so it is public and checks the token the
   * URL it was registered with carries.
   */
  private static Deployable vendorWebhook() {
    return new Deployable(
        "vendor-webhook",
        Kind.FUNCTION,
        Component.CONNECTOR_FUNCTIONS,
        CONNECTORS + "webhooks.VendorWebhookFunction",
        CONNECTORS_IDENTITY,
        Map.of(),
        Map.of("GOOGLE_CLOUD_PROJECT", platform(Platform.PROJECT_ID)),
        List.of("STOREWIRE_WEBHOOK_TOKEN"),
        new Scaling(80, 0, 20),
        Access.publicRoutes());
  }

  /**
   * The reconciliation job reads every marketplace with the connectors' credentials, except
   * Shopify's: its refresh tokens rotate on every use, so the job signs in as a read-only app of
   * its own. It signs the orders it recovers with a secret order-intake checks.
   */
  private static Deployable reconciliation() {
    Map<String, EnvValue> env = new TreeMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", platform(Platform.PROJECT_ID));
    env.put("ORDER_INTAKE_URL", platform(Platform.url(ORDER_INTAKE)));
    List<String> secrets = new ArrayList<>();
    for (String vendor : List.of("SHOPIFY", "AMAZON", "EBAY", "WOOCOMMERCE")) {
      VendorCredentials.settings(vendor).forEach(s -> env.put(s, setting()));
      VendorCredentials.optionalSettings(vendor).forEach(s -> env.put(s, optionalSetting()));
      VendorCredentials.secrets(vendor).stream()
          .filter(Predicate.not("SHOPIFY_REFRESH_TOKEN"::equals))
          .forEach(secrets::add);
    }
    secrets.add("SHOPIFY_RECONCILIATION_REFRESH_TOKEN");
    secrets.add("STOREWIRE_RECOVERY_SECRET");
    return new Deployable(
        RECONCILIATION,
        Kind.JOB,
        Component.RECONCILIATION_JOB,
        "reconciliation-job",
        RECONCILIATION,
        Map.of(),
        env,
        secrets.stream().sorted().toList(),
        new Scaling(1, 0, 2),
        Access.only(Access.OPERATORS));
  }

  /** The Dataflow jobs: their parameters are the templates' own (terraform passes them). */
  private static List<Deployable> pipelines() {
    return List.of("normalise-vendor-events", "stream-events-to-bigquery", "forecast-safety-stock")
        .stream()
        .map(
            template ->
                new Deployable(
                    template,
                    Kind.PIPELINE,
                    Component.DATAFLOW_TRANSFORMS,
                    template,
                    "dataflow",
                    Map.of(),
                    Map.of(),
                    List.of(),
                    new Scaling(1, 1, 1),
                    Access.only()))
        .toList();
  }
}
