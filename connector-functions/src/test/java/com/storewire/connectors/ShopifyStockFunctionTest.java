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
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
