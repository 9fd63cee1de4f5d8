package com.storewire.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.intake.deployment.Routes;
import com.storewire.intake.deployment.StorefrontKeys;
import com.storewire.intake.stock.StockStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Order intake against the real emulators: one fresh project per test class, with the catalog's
 * topics and subscriptions provisioned, and both deployments started on it as in Google Cloud: the
 * class's own ({@link #routes()}, whose beans {@code @Inject} gives) and, at its first use, the
 * other one. Each is given only the variables its deployment reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntakeTest implements TestPropertyProvider {

  public static final String SHOPIFY_SECRET = "shpss_test_secret";
  public static final String WOO_SECRET = "woo-test-secret";
  public static final String AMAZON_KEY = "amazon-test-key";
  public static final String RECOVERY_SECRET = "recovery-test-secret";

  /** The storefront's keys: the current one, and the one it is being rotated to. */
  public static final String STOREFRONT_KEY = "storefront-test-key-0001";

  public static final String NEXT_STOREFRONT_KEY = "storefront-test-key-0002";

  /** The eBay app's keyset, as the vendor sandbox knows it. */
  public static final String EBAY_CLIENT_ID = "Storewire-app-PRD";

  public static final String EBAY_CLIENT_SECRET = "local-ebay-secret";

  /** What eBay's endpoint validation hashes, with the endpoint and the challenge code. */
  public static final String EBAY_VERIFICATION_TOKEN =
      "storewire-test_verification-token-0123456789";

  /** The notification endpoint's public URL, as eBay was given it. */
  public static final String EBAY_ENDPOINT =
      "https://intake.storewire.test/v1/webhooks/ebay/notifications";

  protected static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Settings for a class whose orders expire as soon as they are placed, with a sweeper that runs
   * only when the test calls it.
   */
  protected static final Map<String, String> RESERVATIONS_EXPIRE_AT_ONCE =
      Map.of(
          "storewire.reservation-ttl",
          "0s",
          "storewire.sweeper.enabled",
          "true",
          "storewire.sweeper.interval",
          "1h");

  protected final Emulators emulators = Emulators.shared();
  protected final TestProject project = TestProject.fresh();
  protected final PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());

  @Inject
  @Client("/")
  protected HttpClient http;

  @Inject protected StockStore stock;
  @Inject protected ApplicationContext ownContext;

  private Map<String, String> extra;
  private EmbeddedServer otherServer;
  private HttpClient otherHttp;

  /** The deployment this class's own context serves; the other one starts when first used. */
  protected Routes routes() {
    return Routes.PUBLIC;
  }

  @Override
  public Map<String, String> getProperties() {
    new CatalogProvisioner(pubsub, project.id()).provision(Catalog.storewire());
    extra = extraProperties();
    return propertiesOf(routes());
  }

  /** What a deployment is given: the variables it reads (DeploymentVariable), as properties. */
  protected Map<String, String> propertiesOf(Routes routes) {
    Map<String, String> properties = new HashMap<>();
    // application.yml binds $PORT or 8080 for Cloud Run; tests take any free port instead.
    properties.put("micronaut.server.port", "-1");
    properties.put("storewire.routes", routes.setting());
    properties.put("storewire.project-id", project.id());
    // A busy 2-core machine (CI, or a build beside the demo) answers 200 buyers at once slowly;
    // the client's 10 s default would fail the invariant tests for the machine, not the code.
    properties.put("micronaut.http.client.read-timeout", "60s");
    properties.put("storewire.firestore-emulator-host", emulators.firestore().hostPort());
    properties.put("storewire.pubsub-emulator-host", emulators.pubsub().hostPort());
    if (routes == Routes.PUBLIC) {
      properties.put("storewire.storefront.api-keys", STOREFRONT_KEY + ", " + NEXT_STOREFRONT_KEY);
      properties.put("storewire.webhooks.shopify.secret", SHOPIFY_SECRET);
      properties.put("storewire.webhooks.woocommerce.secret", WOO_SECRET);
      properties.put("storewire.webhooks.amazon.api-key", AMAZON_KEY);
      properties.put("storewire.webhooks.ebay.client-id", EBAY_CLIENT_ID);
      properties.put("storewire.webhooks.ebay.client-secret", EBAY_CLIENT_SECRET);
      properties.put("storewire.webhooks.ebay.verification-token", EBAY_VERIFICATION_TOKEN);
      properties.put("storewire.webhooks.ebay.endpoint", EBAY_ENDPOINT);
    } else {
      properties.put("storewire.webhooks.recovery.secret", RECOVERY_SECRET);
      properties.put("storewire.push.oidc.enabled", "false");
    }
    properties.put("storewire.sweeper.enabled", "false");
    properties.putAll(extra);
    return properties;
  }

  /** Per-class settings on top of the defaults, for both deployments. */
  protected Map<String, String> extraProperties() {
    return Map.of();
  }

  /** A bean of the deployment serving these routes. */
  protected <T> T bean(Routes routes, Class<T> type) {
    return routes == routes()
        ? ownContext.getBean(type)
        : other().getApplicationContext().getBean(type);
  }

  private synchronized EmbeddedServer other() {
    if (otherServer == null) {
      Routes otherRoutes = routes() == Routes.PUBLIC ? Routes.PRIVATE : Routes.PUBLIC;
      Map<String, Object> properties = new HashMap<>(propertiesOf(otherRoutes));
      otherServer = ApplicationContext.run(EmbeddedServer.class, properties, "test");
      otherHttp = HttpClient.create(otherServer.getURL());
    }
    return otherServer;
  }

  @AfterAll
  void stopTheOtherDeployment() {
    if (otherServer != null) {
      otherHttp.close();
      otherServer.getApplicationContext().close();
    }
  }

  /** Gives a SKU this many units on hand, spread over this many shards. */
  protected void seed(String sku, int units, int shards) {
    stock.rewrite(
        sku,
        facts -> {
          facts.onHand = units;
          facts.shardCount = shards;
        },
        batch -> {});
  }

  /** An HTTP answer, whatever its status. */
  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** Sent to the deployment serving these routes, as it comes. */
  protected Answer call(Routes routes, HttpRequest<?> request) {
    HttpClient client = routes == routes() ? http : otherClient();
    try {
      HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
      return new Answer(response.code(), response.body());
    } catch (HttpClientResponseException e) {
      return new Answer(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
    }
  }

  private synchronized HttpClient otherClient() {
    other();
    return otherHttp;
  }

  /** As the storefront sends it: to the public deployment, with its current API key. */
  protected Answer storefront(MutableHttpRequest<?> request) {
    return call(Routes.PUBLIC, request.header(StorefrontKeys.HEADER, STOREFRONT_KEY));
  }

  /** To the private deployment, as one of its invokers (Cloud Run IAM has let it in). */
  protected Answer internal(HttpRequest<?> request) {
    return call(Routes.PRIVATE, request);
  }

  protected Answer order(String idempotencyKey, String body) {
    return storefront(
        HttpRequest.POST("/v1/orders", body)
            .header("Idempotency-Key", idempotencyKey)
            .contentType("application/json"));
  }

  protected static String orderBody(String sku, int quantity) {
    return "{\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":[{\"sku\":\""
        + sku
        + "\",\"quantity\":"
        + quantity
        + ",\"unit_price_minor\":1999}]}";
  }

  /** A Shopify orders/create webhook body: one line of this SKU. */
  protected static String shopifyOrder(long id, String sku, int quantity) {
    return "{\"id\":"
        + id
        + ",\"currency\":\"USD\",\"total_price\":\"39.98\",\"email\":\"b@example.com\","
        + "\"line_items\":[{\"sku\":\""
        + sku
        + "\",\"quantity\":"
        + quantity
        + ",\"price\":\"19.99\"}],"
        + "\"shipping_address\":{\"name\":\"B Buyer\",\"address1\":\"1 Main St\",\"city\":\"Springfield\",\"zip\":\"12345\",\"country_code\":\"US\"}}";
  }

  /** Delivers a Shopify webhook; a null signature leaves the header out. */
  protected Answer shopify(String body, String hmac, String webhookId) {
    MutableHttpRequest<String> request =
        HttpRequest.POST("/v1/webhooks/shopify/orders-create", body)
            .contentType("application/json")
            .header("X-Shopify-Webhook-Id", webhookId)
            .header("X-Shopify-Topic", "orders/create");
    if (hmac != null) {
      request.header("X-Shopify-Hmac-Sha256", hmac);
    }
    return call(Routes.PUBLIC, request);
  }

  protected static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Delivers an event as a Pub/Sub push subscription does, to /v1/push/{path}. */
  protected Answer push(String path, Event event) {
    return internal(pushRequest(path, event));
  }

  /** The request a Pub/Sub push subscription sends (without its OIDC token). */
  protected static MutableHttpRequest<String> pushRequest(String path, Event event) {
    String body =
        "{\"message\":{\"data\":\""
            + Base64.getEncoder().encodeToString(EventJson.encode(event))
            + "\",\"messageId\":\"m-"
            + event.getId()
            + "\",\"attributes\":{}},\"subscription\":\"projects/p/subscriptions/s\"}";
    return HttpRequest.POST("/v1/push/" + path, body).contentType("application/json");
  }

  /** Pulls events from a subscription until {@code count} match, or 15 s pass. */
  protected List<Event> events(String subscription, Predicate<Event> wanted, int count) {
    List<Event> found = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (found.size() < count && Instant.now().isBefore(deadline)) {
      List<PubSubRest.ReceivedMessage> batch = pubsub.pull(project.id(), subscription, 100);
      for (PubSubRest.ReceivedMessage message : batch) {
        Event event = EventJson.decode(message.data());
        if (wanted.test(event)) {
          found.add(event);
        }
      }
      if (!batch.isEmpty()) {
        pubsub.acknowledge(
            project.id(),
            subscription,
            batch.stream().map(PubSubRest.ReceivedMessage::ackId).toList());
      }
    }
    return found;
  }
}
