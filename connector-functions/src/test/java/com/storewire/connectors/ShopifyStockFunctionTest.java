package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.availability;
import static com.storewire.connectors.Deliveries.delivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.shopify.ShopifyStockFunctionAccess;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.codec.EventJson;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.vendors.ShopifyImitation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Shopify stock function, handed Pub/Sub messages as its push subscriptions post them, against
 * the vendor sandbox with faults and the real Pub/Sub emulator.
 */
@WithEmulators
class ShopifyStockFunctionTest extends SandboxedFunctionTest {

  private static final java.util.concurrent.atomic.AtomicLong VERSIONS =
      new java.util.concurrent.atomic.AtomicLong();

  private ConnectorFunction function(Emulators emulators, TestProject project) {
    return ShopifyStockFunctionAccess.create(env(emulators, project, Map.of()));
  }

  private int shopifyStock(String sku) {
    return sandbox.imitation("shopify").inventory().get(sku);
  }

  @Test
  void setsShopifysQuantityAndSurvivesATokenRevokedMidRunAndAThrottleStorm(
      Emulators emulators, TestProject project) throws Exception {
    sandbox.imitation("shopify").inventory().set("TEE-1", 3);
    var function = function(emulators, project);

    function.handle(
        delivered(availability("shopify", "TEE-1", 7, VERSIONS.incrementAndGet()), "shopify"));
    sandbox.imitation("shopify").revokeTokens();
    sandbox.imitation("shopify").faults().add(Faults.Kind.THROTTLE, 3, null, 1.0, 0);
    function.handle(
        delivered(availability("shopify", "TEE-1", 5, VERSIONS.incrementAndGet()), "shopify"));

    assertThat(shopifyStock("TEE-1")).isEqualTo(5);
    // Nothing was alerted: the alerts subscription is empty (alerts publish synchronously).
    assertThat(
            new PubSubRest(emulators.pubsub().hostPort())
                .pull(project.id(), "connector-alerts--bigquery", 10))
        .isEmpty();
  }

  private ShopifyImitation shopify() {
    return (ShopifyImitation) sandbox.imitation("shopify");
  }

  @Test
  void aStoreWhoseLocationIsNotOneGetsItsStockWrittenAtItsOnlineLocationLookedUpOnce(
      Emulators emulators, TestProject project) throws Exception {
    shopify().inventory().set("LOC-1", 3);
    var function = function(emulators, project);

    long before = shopify().requests();
    function.handle(
        delivered(availability("shopify", "LOC-1", 7, VERSIONS.incrementAndGet()), "shopify"));
    long first = shopify().requests() - before;
    function.handle(
        delivered(availability("shopify", "LOC-1", 6, VERSIONS.incrementAndGet()), "shopify"));
    long second = shopify().requests() - before - first;

    assertThat(ShopifyImitation.MAIN_WAREHOUSE.id()).isNotEqualTo("gid://shopify/Location/1");
    assertThat(shopifyStock("LOC-1")).isEqualTo(6);
    assertThat(shopify().levels("LOC-1")).containsEntry(ShopifyImitation.MAIN_WAREHOUSE.id(), 6);
    assertThat(shopify().inventory().received().get("inventorySetQuantities"))
        .extracting(q -> q.get("locationId").asText())
        .containsOnly(ShopifyImitation.MAIN_WAREHOUSE.id());
    // The token, the primary location, the read, the set; then only the read and the set.
    assertThat(first).isEqualTo(4);
    assertThat(second).isEqualTo(2);
  }

  @Test
  void configuredLocationsAreSetInOneCallTheFigureAtTheFirst(
      Emulators emulators, TestProject project) throws Exception {
    shopify().inventory().set("LOC-2", 4);
    shopify().stockAt("LOC-2", ShopifyImitation.OVERFLOW_WAREHOUSE.id(), 2);
    var function =
        ShopifyStockFunctionAccess.create(
            env(
                emulators,
                project,
                Map.of(
                    "SHOPIFY_LOCATION_ID",
                    ShopifyImitation.OVERFLOW_WAREHOUSE.id()
                        + ","
                        + ShopifyImitation.MAIN_WAREHOUSE.id())));
    long before = shopify().requests();

    function.handle(
        delivered(availability("shopify", "LOC-2", 9, VERSIONS.incrementAndGet()), "shopify"));

    assertThat(shopify().levels("LOC-2"))
        .containsEntry(ShopifyImitation.OVERFLOW_WAREHOUSE.id(), 9)
        .containsEntry(ShopifyImitation.MAIN_WAREHOUSE.id(), 0);
    // Buyers buy from both warehouses: together they hold Storewire's figure.
    assertThat(shopifyStock("LOC-2")).isEqualTo(9);
    // The token, the read, one inventorySetQuantities with both quantities; no lookup.
    assertThat(shopify().requests() - before).isEqualTo(3);
    assertThat(shopify().inventory().received().get("inventorySetQuantities")).hasSize(2);
  }

  @Test
  void itemsSetAtTwoLocationsShareCallsOf250Quantities(Emulators emulators, TestProject project)
      throws Exception {
    List<String> skus = IntStream.rangeClosed(1, 130).mapToObj(i -> "TWO-" + i).toList();
    skus.forEach(sku -> shopify().inventory().set(sku, 0));
    var function =
        ShopifyStockFunctionAccess.create(
            env(
                emulators,
                project,
                Map.of(
                    "STOREWIRE_COALESCE_MS",
                    "500",
                    "SHOPIFY_LOCATION_ID",
                    ShopifyImitation.MAIN_WAREHOUSE.id()
                        + ","
                        + ShopifyImitation.OVERFLOW_WAREHOUSE.id())));
    ExecutorService deliveries = Executors.newFixedThreadPool(skus.size());
    List<Future<?>> done = new ArrayList<>();
    for (String sku : skus) {
      done.add(
          deliveries.submit(
              () -> {
                function.handle(
                    delivered(
                        availability("shopify", sku, 40, VERSIONS.incrementAndGet()), "shopify"));
                return null;
              }));
    }
    for (Future<?> delivery : done) {
      delivery.get();
    }
    deliveries.shutdown();

    // 130 items are 260 quantities: more than one call takes, so they went in two or more.
    for (String sku : skus) {
      assertThat(shopifyStock(sku)).as(sku).isEqualTo(40);
    }
    assertThat(shopify().inventory().received().get("inventorySetQuantities")).hasSize(260);
    assertThat(pull(emulators, project, "connector-alerts--bigquery", 0)).isEmpty();
  }

  @Test
  void aLocationIdThatIsNotALocationIsRefusedAtStart(Emulators emulators, TestProject project) {
    assertThatThrownBy(
            () ->
                ShopifyStockFunctionAccess.create(
                    env(emulators, project, Map.of("SHOPIFY_LOCATION_ID", "74656710882"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHOPIFY_LOCATION_ID");
  }

  @Test
  void aConfiguredLocationTheStoreDoesNotHaveIsParkedAsRefusedWithShopifysReason(
      Emulators emulators, TestProject project) throws Exception {
    shopify().inventory().set("LOC-3", 1);
    var function =
        ShopifyStockFunctionAccess.create(
            env(emulators, project, Map.of("SHOPIFY_LOCATION_ID", "gid://shopify/Location/1")));
    Event event = availability("shopify", "LOC-3", 5, VERSIONS.incrementAndGet());

    function.handle(delivered(event, "shopify"));

    assertThat(shopifyStock("LOC-3")).isEqualTo(1);
    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getFailedEventId()).isEqualTo(event.getId());
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.REJECTED);
    assertThat(alert.getDetail()).contains("INVALID_LOCATION").contains("gid://shopify/Location/1");
  }

  @Test
  void aStoreWithNoOnlineLocationToChooseIsAlertedNamingTheSettingAndNothingIsWritten(
      Emulators emulators, TestProject project) throws Exception {
    shopify().inventory().set("LOC-4", 2);
    shopify()
        .locations(
            ShopifyImitation.FLAGSHIP_STORE,
            ShopifyImitation.MAIN_WAREHOUSE,
            ShopifyImitation.OVERFLOW_WAREHOUSE);
    var function = function(emulators, project);

    assertThatThrownBy(
            () ->
                function.handle(
                    delivered(
                        availability("shopify", "LOC-4", 8, VERSIONS.incrementAndGet()),
                        "shopify")))
        .hasMessageContaining("SHOPIFY_LOCATION_ID");

    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.UNAVAILABLE);
    assertThat(alert.getDetail()).contains("SHOPIFY_LOCATION_ID");
    assertThat(shopify().inventory().received()).doesNotContainKey("inventorySetQuantities");
    // Once the merchant has one online location, the next delivery finds it.
    shopify().locations(ShopifyImitation.FLAGSHIP_STORE, ShopifyImitation.OVERFLOW_WAREHOUSE);
    function.handle(
        delivered(availability("shopify", "LOC-4", 8, VERSIONS.incrementAndGet()), "shopify"));
    assertThat(shopify().levels("LOC-4"))
        .containsEntry(ShopifyImitation.OVERFLOW_WAREHOUSE.id(), 8);
  }

  @Test
  void aSkuShopifyDoesNotKnowIsParkedAtOnceWithWhyAndAlerted(
      Emulators emulators, TestProject project) throws Exception {
    var function = function(emulators, project);
    Event event = availability("shopify", "NOT-AT-SHOPIFY", 4, VERSIONS.incrementAndGet());

    function.handle(delivered(event, "shopify"));

    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "availability--shopify-urgent--dead-letter--parked");
    assertThat(parked).hasSize(1);
    assertThat(EventJson.decode(parked.get(0).data()).getId()).isEqualTo(event.getId());
    assertThat(parked.get(0).attributes())
        .containsEntry("storewire-parked-vendor", "shopify")
        .containsEntry("storewire-parked-reason", "REJECTED")
        .containsEntry("storewire-parked-from", "availability--shopify-urgent");
    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getFailedEventId()).isEqualTo(event.getId());
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.REJECTED);
  }

  @Test
  void a5xxBurstThatOutlastsTheRetriesIsAlertedAndThrownForPubSubToRedeliver(
      Emulators emulators, TestProject project) throws Exception {
    sandbox.imitation("shopify").inventory().set("TEE-2", 1);
    var function = function(emulators, project);
    sandbox
        .imitation("shopify")
        .faults()
        .add(Faults.Kind.SERVER_ERROR, 0, Duration.ofSeconds(30), 1.0, 0);

    assertThatThrownBy(
            () ->
                function.handle(
                    delivered(
                        availability("shopify", "TEE-2", 9, VERSIONS.incrementAndGet()),
                        "shopify")))
        .hasMessageContaining("Service temporarily unavailable");

    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.UNAVAILABLE);
    assertThat(alert.getAttempt()).isEqualTo(6);
    sandbox.imitation("shopify").faults().clear();
    function.handle(
        delivered(availability("shopify", "TEE-2", 9, VERSIONS.incrementAndGet()), "shopify"));
    assertThat(shopifyStock("TEE-2")).isEqualTo(9);
  }

  @Test
  void anotherChannelsAvailabilityIsNotTouched(Emulators emulators, TestProject project)
      throws Exception {
    sandbox.imitation("shopify").inventory().set("TEE-3", 2);
    var function = function(emulators, project);
    Event ebay =
        EventBuilder.of(
                AvailabilityChanged.newBuilder()
                    .setSku("TEE-3")
                    .setChannel("ebay")
                    .setOnHand(8)
                    .setReserved(0)
                    .setSafetyStock(0)
                    .setChannelBuffer(0)
                    .setSellable(8)
                    .setStockVersion(VERSIONS.incrementAndGet())
                    .build())
            .source("//storewire/order-intake")
            .build();

    function.handle(delivered(ebay, "shopify"));

    assertThat(shopifyStock("TEE-3")).isEqualTo(2);
  }
}
