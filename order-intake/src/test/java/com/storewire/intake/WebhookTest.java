package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.OrderOversold;
import com.storewire.events.RawVendorPayload;
import com.storewire.intake.deployment.Routes;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@MicronautTest
class WebhookTest extends IntakeTest {

  private static final KeyPair EBAY_KEYS = ebayKeys();
  private HttpServer ebayKeyServer;

  /** The Authorization header of each getPublicKey call the stub answered. */
  private final List<String> keyAuthorizations = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Inject Firestore db;
  @Inject MeterRegistry meters;

  @Override
  protected Map<String, String> extraProperties() {
    try {
      ebayKeyServer =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(EBAY_KEYS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (EBAY_CLIENT_ID + ":" + EBAY_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    // eBay's token endpoint on the same host: the client credentials grant for the app's keyset.
    ebayKeyServer.createContext(
        "/identity/v1/oauth2/token",
        exchange -> {
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean granted =
              basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                  && form.contains("grant_type=client_credentials");
          byte[] body =
              (granted
                      ? "{\"access_token\":\"app-token-1\",\"expires_in\":7200,"
                          + "\"token_type\":\"Application Access Token\"}"
                      : "{\"error\":\"invalid_client\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(granted ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    ebayKeyServer.createContext(
        "/commerce/notification/v1/public_key/",
        exchange -> {
          keyAuthorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          byte[] body =
              ("{\"algorithm\":\"ECDSA\",\"digest\":\"SHA1\",\"key\":"
                      + JSON.valueToTree(pem)
                      + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().endsWith("/kid-1") ? 200 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    ebayKeyServer.start();
    return Map.of(
        "storewire.webhooks.ebay.public-key-url",
        "http://127.0.0.1:"
            + ebayKeyServer.getAddress().getPort()
            + "/commerce/notification/v1/public_key/");
  }

  @AfterAll
  void stopKeyServer() {
    ebayKeyServer.stop(0);
  }

  @Test
  void shopifyGoodForgedAndMissingSignatures() {
    seed("SHOP-1", 10, 2);
    String body = shopifyOrder(1001, "SHOP-1", 2);

    Answer good = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-1");
    Answer forged = shopify(shopifyOrder(1002, "SHOP-1", 2), hmac("wrong", body), "wh-2");
    Answer missing = shopify(shopifyOrder(1003, "SHOP-1", 2), null, "wh-3");

    assertThat(good.status()).isEqualTo(200);
    assertThat(good.json().get("status").asText()).isEqualTo("placed");
    assertThat(good.json().get("order_id").asText()).isEqualTo("shopify-1001");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(orderExists("shopify-1002")).isFalse();
    assertThat(orderExists("shopify-1003")).isFalse();
    assertThat(stock.levels("SHOP-1").orElseThrow().reserved()).isEqualTo(2);
  }

  @Test
  void aRepeatedDeliveryIsDedupedAndTheRawPayloadKept() {
    seed("SHOP-2", 10, 2);
    String body = shopifyOrder(2001, "SHOP-2", 1);

    Answer first = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-dup");
    Answer repeat = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-dup");

    assertThat(first.json().get("status").asText()).isEqualTo("placed");
    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(stock.levels("SHOP-2").orElseThrow().reserved()).isEqualTo(1);
    List<Event> raw =
        events(
            "raw-vendor-payloads--bigquery",
            e ->
                e.getData() instanceof RawVendorPayload p
                    && new String(p.getBody().array(), StandardCharsets.UTF_8).contains("2001"),
            1);
    assertThat(raw).hasSize(1);
    assertThat(((RawVendorPayload) raw.get(0).getData()).getSignatureVerified()).isTrue();
  }

  @Test
  void aMarketplaceOrderBeyondStockIsRecordedAsOversold() {
    seed("SHOP-3", 1, 1);
    String body = shopifyOrder(3001, "SHOP-3", 3);

    Answer answer = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-over");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").asText()).isEqualTo("oversold");
    List<Event> oversold =
        events("orders--bigquery", e -> e.getType().equals(EventType.ORDER_OVERSOLD.ceType()), 1);
    assertThat(oversold).hasSize(1);
    assertThat(((OrderOversold) oversold.get(0).getData()).getOversoldUnits()).isEqualTo(2);
    assertThat(stock.levels("SHOP-3").orElseThrow().reserved()).isEqualTo(1);
  }

  @Test
  void wooCommerceSignatureAndRedeliveryUnderANewDeliveryId() {
    seed("WOO-1", 5, 1);
    String body =
        "{\"id\":727,\"currency\":\"USD\",\"total\":\"10.00\",\"billing\":{\"email\":\"w@example.com\"},"
            + "\"line_items\":[{\"sku\":\"WOO-1\",\"quantity\":1,\"price\":10.0}]}";

    Answer good = call(Routes.PUBLIC, woo(body, hmac(WOO_SECRET, body), "d-1"));
    Answer redelivered = call(Routes.PUBLIC, woo(body, hmac(WOO_SECRET, body), "d-2"));
    Answer forged = call(Routes.PUBLIC, woo(body, hmac("nope", body), "d-3"));
    Answer missing =
        call(
            Routes.PUBLIC,
            HttpRequest.POST("/v1/webhooks/woocommerce/order-created", body)
                .contentType("application/json")
                .header("X-WC-Webhook-Delivery-ID", "d-4"));

    assertThat(good.json().get("status").asText()).isEqualTo("placed");
    assertThat(redelivered.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(stock.levels("WOO-1").orElseThrow().reserved()).isEqualTo(1);
  }

  private static MutableHttpRequest<String> woo(String body, String signature, String deliveryId) {
    return HttpRequest.POST("/v1/webhooks/woocommerce/order-created", body)
        .contentType("application/json")
        .header("X-WC-Webhook-Signature", signature)
        .header("X-WC-Webhook-Delivery-ID", deliveryId)
        .header("X-WC-Webhook-Topic", "order.created");
  }

  @Test
  void ebayEcdsaSignatureIsCheckedWithTheServedPublicKey() throws Exception {
    seed("EBAY-1", 5, 1);
    String body =
        "{\"metadata\":{\"topic\":\"ORDER\",\"schemaVersion\":\"1.0\"},\"notification\":{\"notificationId\":\"n-1\","
            + "\"eventDate\":\"2026-11-24T10:00:00.000Z\",\"data\":{\"orderId\":\"12-34567-89012\","
            + "\"pricingSummary\":{\"total\":{\"value\":\"25.00\",\"currency\":\"USD\"}},"
            + "\"lineItems\":[{\"sku\":\"EBAY-1\",\"quantity\":2,\"lineItemCost\":{\"value\":\"25.00\",\"currency\":\"USD\"}}]}}}";

    Answer good = call(Routes.PUBLIC, ebay(body, ebaySignature("kid-1", body)));
    Answer tampered =
        call(
            Routes.PUBLIC,
            ebay(body.replace("\"quantity\":2", "\"quantity\":1"), ebaySignature("kid-1", body)));
    Answer unknownKey = call(Routes.PUBLIC, ebay(body, ebaySignature("kid-9", body)));
    Answer missing =
        call(
            Routes.PUBLIC,
            HttpRequest.POST("/v1/webhooks/ebay/notifications", body)
                .contentType("application/json"));

    assertThat(good.json().get("status").asText()).isEqualTo("placed");
    assertThat(tampered.status()).isEqualTo(401);
    assertThat(unknownKey.status()).isEqualTo(401);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(stock.levels("EBAY-1").orElseThrow().reserved()).isEqualTo(2);
    // getPublicKey was called with the application token the client credentials grant gave.
    assertThat(keyAuthorizations).isNotEmpty().containsOnly("Bearer app-token-1");
  }

  private static MutableHttpRequest<String> ebay(String body, String signature) {
    return HttpRequest.POST("/v1/webhooks/ebay/notifications", body)
        .contentType("application/json")
        .header("X-EBAY-SIGNATURE", signature);
  }

  @Test
  void amazonOrderChangeNeedsTheEventBridgeApiKey() {
    seed("AMZ-1", 5, 1);
    String body =
        "{\"id\":\"e-1\",\"detail-type\":\"ORDER_CHANGE\",\"detail\":{\"NotificationType\":\"ORDER_CHANGE\","
            + "\"Payload\":{\"OrderChangeNotification\":{\"AmazonOrderId\":\"113-0000001-0000001\",\"Summary\":{"
            + "\"MarketplaceId\":\"ATVPDKIKX0DER\",\"OrderStatus\":\"Unshipped\",\"OrderItems\":[{\"SellerSKU\":\"AMZ-1\",\"Quantity\":1}]}}},"
            + "\"NotificationMetadata\":{\"NotificationId\":\"amz-n-1\"}}}";

    Answer good =
        call(
            Routes.PUBLIC,
            HttpRequest.POST("/v1/webhooks/amazon/order-change", body)
                .contentType("application/json")
                .header("x-storewire-api-key", AMAZON_KEY));
    Answer wrong =
        call(
            Routes.PUBLIC,
            HttpRequest.POST("/v1/webhooks/amazon/order-change", body)
                .contentType("application/json")
                .header("x-storewire-api-key", "guess"));
    Answer missing =
        call(
            Routes.PUBLIC,
            HttpRequest.POST("/v1/webhooks/amazon/order-change", body)
                .contentType("application/json"));

    assertThat(good.json().get("status").asText()).isEqualTo("placed");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(stock.levels("AMZ-1").orElseThrow().reserved()).isEqualTo(1);
  }

  @Test
  void aGenuinePayloadThatIsNoOrderIsParkedNotDropped() {
    String body = "{\"id\":4001,\"currency\":\"USD\",\"total_price\":\"1.00\",\"line_items\":[]}";

    Answer answer = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-empty");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").asText()).isEqualTo("parked");
    assertThat(
            events(
                "raw-vendor-payloads--bigquery",
                e ->
                    new String(
                            ((RawVendorPayload) e.getData()).getBody().array(),
                            StandardCharsets.UTF_8)
                        .contains("4001"),
                1))
        .hasSize(1);
  }

  @Test
  void aRefusalIsLoggedWithTheRequestsCloudTrace() {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(com.storewire.intake.webhooks.WebhookIntake.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    log.addAppender(captured);
    try {
      String body = shopifyOrder(5001, "SHOP-1", 1);
      call(
          Routes.PUBLIC,
          HttpRequest.POST("/v1/webhooks/shopify/orders-create", body)
              .contentType("application/json")
              .header("X-Shopify-Hmac-Sha256", "forged")
              .header("X-Cloud-Trace-Context", "0123456789abcdef0123456789abcdef/42;o=1"));
    } finally {
      log.detachAppender(captured);
    }

    assertThat(captured.list)
        .anySatisfy(
            event -> {
              assertThat(event.getFormattedMessage()).contains("refused shopify webhook");
              assertThat(event.getMDCPropertyMap())
                  .containsEntry(
                      "logging.googleapis.com/trace",
                      "projects/" + project.id() + "/traces/0123456789abcdef0123456789abcdef");
            });
  }

  // Orders the reconciliation job recovered (their webhook was lost), re-delivered in the vendor's
  // body shape and signed with the recovery secret.

  private static final String RECOVERY = "X-Storewire-Recovery-Signature";

  private static String ebayOrder(String notificationId, String orderId, String sku, int quantity) {
    return "{\"metadata\":{\"topic\":\"ORDER\",\"schemaVersion\":\"1.0\"},\"notification\":{\"notificationId\":\""
        + notificationId
        + "\",\"eventDate\":\"2026-11-24T10:00:00.000Z\",\"data\":{\"orderId\":\""
        + orderId
        + "\",\"pricingSummary\":{\"total\":{\"value\":\"25.00\",\"currency\":\"USD\"}},"
        + "\"lineItems\":[{\"sku\":\""
        + sku
        + "\",\"quantity\":"
        + quantity
        + ",\"lineItemCost\":{\"value\":\"25.00\",\"currency\":\"USD\"}}]}}}";
  }

  private static String amazonOrder(String notificationId, String orderId, String sku) {
    return "{\"id\":\"e-"
        + notificationId
        + "\",\"detail-type\":\"ORDER_CHANGE\",\"detail\":{\"NotificationType\":\"ORDER_CHANGE\","
        + "\"Payload\":{\"OrderChangeNotification\":{\"AmazonOrderId\":\""
        + orderId
        + "\",\"Summary\":{"
        + "\"MarketplaceId\":\"ATVPDKIKX0DER\",\"OrderStatus\":\"Unshipped\",\"OrderItems\":[{\"SellerSKU\":\""
        + sku
        + "\",\"Quantity\":1}]}}},"
        + "\"NotificationMetadata\":{\"NotificationId\":\""
        + notificationId
        + "\"}}}";
  }

  /** As the reconciliation job hands it over: to the private deployment. */
  private Answer recover(String path, String body, String signature) {
    return internal(
        HttpRequest.POST("/v1/webhooks/" + path, body)
            .contentType("application/json")
            .header(RECOVERY, signature));
  }

  /** The counter over both deployments, as Cloud Monitoring sums their series. */
  private double count(String name, String vendor) {
    return meters.counter(name, "vendor", vendor).count()
        + bean(Routes.PRIVATE, MeterRegistry.class).counter(name, "vendor", vendor).count();
  }

  @Test
  void ebayAmazonAndShopifyOrdersRecoveredWithTheRecoverySignatureArePlaced() {
    seed("REC-1", 10, 2);
    String ebay = ebayOrder("rec-n-1", "12-00000-00001", "REC-1", 2);
    String amazon = amazonOrder("rec-amz-1", "113-0000000-0000101", "REC-1");
    String shopify = shopifyOrder(7001, "REC-1", 1);
    double recoveredBefore = count("storewire.webhooks.recovered", "ebay");
    double receivedBefore = count("storewire.webhooks.received", "ebay");

    Answer fromEbay = recover("ebay/notifications", ebay, hmac(RECOVERY_SECRET, ebay));
    Answer fromAmazon = recover("amazon/order-change", amazon, hmac(RECOVERY_SECRET, amazon));
    Answer fromShopify = recover("shopify/orders-create", shopify, hmac(RECOVERY_SECRET, shopify));

    assertThat(fromEbay.status()).as(fromEbay.body()).isEqualTo(200);
    assertThat(fromEbay.json().get("status").asText()).isEqualTo("placed");
    assertThat(fromEbay.json().get("order_id").asText()).isEqualTo("ebay-12-00000-00001");
    assertThat(fromAmazon.json().get("status").asText()).isEqualTo("placed");
    assertThat(fromAmazon.json().get("order_id").asText()).isEqualTo("amazon-113-0000000-0000101");
    assertThat(fromShopify.json().get("status").asText()).isEqualTo("placed");
    assertThat(stock.levels("REC-1").orElseThrow().reserved()).isEqualTo(4);
    assertThat(count("storewire.webhooks.recovered", "ebay")).isEqualTo(recoveredBefore + 1);
    assertThat(count("storewire.webhooks.recovered", "amazon")).isGreaterThanOrEqualTo(1);
    assertThat(count("storewire.webhooks.recovered", "shopify")).isGreaterThanOrEqualTo(1);
    assertThat(count("storewire.webhooks.received", "ebay")).isEqualTo(receivedBefore);
    List<Event> raw =
        events(
            "raw-vendor-payloads--bigquery",
            e ->
                e.getData() instanceof RawVendorPayload p
                    && new String(p.getBody().array(), StandardCharsets.UTF_8)
                        .contains("12-00000-00001"),
            1);
    assertThat(raw).hasSize(1);
    RawVendorPayload payload = (RawVendorPayload) raw.get(0).getData();
    assertThat(payload.getSignatureVerified()).isTrue();
    assertThat(payload.getVendorTopic()).isEqualTo("notification");
    assertThat(payload.getVendorEventId()).isEqualTo("rec-n-1");
  }

  @Test
  void aWrongRecoverySignatureIsRefusedWhateverTheVendorSignatureSays() {
    seed("REC-2", 10, 1);
    String body = shopifyOrder(7101, "REC-2", 1);
    String ebay = ebayOrder("rec-n-2", "12-00000-00002", "REC-2", 1);

    Answer wrongSecret = recover("shopify/orders-create", body, hmac("not-the-secret", body));
    Answer genuineShopifyButWrongRecovery =
        internal(
            HttpRequest.POST("/v1/webhooks/shopify/orders-create", body)
                .contentType("application/json")
                .header("X-Shopify-Hmac-Sha256", hmac(SHOPIFY_SECRET, body))
                .header(RECOVERY, hmac(RECOVERY_SECRET, body + " ")));
    Answer blank = recover("ebay/notifications", ebay, "");
    Answer otherBody =
        recover(
            "ebay/notifications",
            ebay.replace("\"quantity\":1", "\"quantity\":9"),
            hmac(RECOVERY_SECRET, ebay));

    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(genuineShopifyButWrongRecovery.status()).isEqualTo(401);
    assertThat(blank.status()).isEqualTo(401);
    assertThat(otherBody.status()).isEqualTo(401);
    assertThat(orderExists("shopify-7101")).isFalse();
    assertThat(orderExists("ebay-12-00000-00002")).isFalse();
    assertThat(stock.levels("REC-2").orElseThrow().reserved()).isZero();
  }

  @Test
  void thePublicDeploymentTakesNoRecoveredOrderSoTheRecoverySecretIsNoInternetCredential() {
    seed("REC-5", 10, 1);
    String body = shopifyOrder(7401, "REC-5", 1);
    double refusedBefore =
        meters
            .counter(
                "storewire.webhooks.refused", "vendor", "shopify", "reason", "recovery_signature")
            .count();

    Answer answer =
        call(
            Routes.PUBLIC,
            HttpRequest.POST("/v1/webhooks/shopify/orders-create", body)
                .contentType("application/json")
                .header(RECOVERY, hmac(RECOVERY_SECRET, body)));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(orderExists("shopify-7401")).isFalse();
    assertThat(
            meters
                .counter(
                    "storewire.webhooks.refused",
                    "vendor",
                    "shopify",
                    "reason",
                    "recovery_signature")
                .count())
        .isEqualTo(refusedBefore + 1);
  }

  @Test
  void anOrderRecoveredTwiceAndThenDeliveredByTheVendorIsReservedOnce() throws Exception {
    seed("REC-3", 10, 2);
    String recovered = ebayOrder("rec-n-3", "12-00000-00003", "REC-3", 3);
    String polledAgain = ebayOrder("rec-n-3b", "12-00000-00003", "REC-3", 3);
    String lateWebhook = ebayOrder("ebay-n-3", "12-00000-00003", "REC-3", 3);
    double duplicatesBefore = count("storewire.webhooks.duplicates", "ebay");

    Answer first = recover("ebay/notifications", recovered, hmac(RECOVERY_SECRET, recovered));
    Answer again = recover("ebay/notifications", recovered, hmac(RECOVERY_SECRET, recovered));
    Answer repolled =
        recover("ebay/notifications", polledAgain, hmac(RECOVERY_SECRET, polledAgain));
    Answer delivered = call(Routes.PUBLIC, ebay(lateWebhook, ebaySignature("kid-1", lateWebhook)));

    assertThat(first.json().get("status").asText()).isEqualTo("placed");
    assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(repolled.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(delivered.status()).isEqualTo(200);
    assertThat(delivered.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(delivered.json().get("order_id").asText()).isEqualTo("ebay-12-00000-00003");
    assertThat(stock.levels("REC-3").orElseThrow().reserved()).isEqualTo(3);
    assertThat(count("storewire.webhooks.duplicates", "ebay")).isEqualTo(duplicatesBefore + 3);
  }

  @Test
  void aRecoveryAfterTheVendorsOwnDeliveryIsADuplicate() {
    seed("REC-4", 10, 2);
    String body = shopifyOrder(7301, "REC-4", 2);

    Answer delivered = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-7301");
    Answer recovered = recover("shopify/orders-create", body, hmac(RECOVERY_SECRET, body));

    assertThat(delivered.json().get("status").asText()).isEqualTo("placed");
    assertThat(recovered.json().get("status").asText()).isEqualTo("duplicate");
    assertThat(stock.levels("REC-4").orElseThrow().reserved()).isEqualTo(2);
  }

  private boolean orderExists(String orderId) {
    try {
      return db.collection("orders").document(orderId).get().get().exists();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ebaySignature(String kid, String body) throws Exception {
    Signature signer = Signature.getInstance("SHA1withECDSA");
    signer.initSign(EBAY_KEYS.getPrivate());
    signer.update(body.getBytes(StandardCharsets.UTF_8));
    String claims =
        "{\"alg\":\"ECDSA\",\"kid\":\""
            + kid
            + "\",\"signature\":\""
            + Base64.getEncoder().encodeToString(signer.sign())
            + "\",\"digest\":\"SHA1\"}";
    return Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair ebayKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
