package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.availability;
import static com.storewire.connectors.Deliveries.delivered;
import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.ebay.EbayStockFunctionAccess;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.codec.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The eBay stock function: bulk calls of at most 25, coalescing, per-item refusals parked. */
@WithEmulators
class EbayStockFunctionTest extends SandboxedFunctionTest {

  private ConnectorFunction function(Emulators emulators, TestProject project) {
    return EbayStockFunctionAccess.create(
        env(emulators, project, Map.of("STOREWIRE_COALESCE_MS", "300")));
  }

  @Test
  void concurrentUpdatesCoalesceIntoBulkCallsOfAtMost25AndTheNewestVersionWins(
      Emulators emulators, TestProject project) throws Exception {
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      skus.add("E-" + i);
      sandbox.imitation("ebay").inventory().set("E-" + i, 0);
    }
    ConnectorFunction function = function(emulators, project);
    ExecutorService invocations = Executors.newFixedThreadPool(60);
    List<Future<?>> done = new ArrayList<>();
    for (String sku : skus) {
      done.add(
          invocations.submit(
              () -> {
                function.handle(delivered(availability("ebay", sku, 10, 1), "ebay"));
                return null;
              }));
      done.add(
          invocations.submit(
              () -> {
                function.handle(delivered(availability("ebay", sku, 20, 2), "ebay"));
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    invocations.shutdown();

    for (String sku : skus) {
      assertThat(sandbox.imitation("ebay").inventory().get(sku)).as(sku).isEqualTo(20);
    }
    int itemsSent =
        sandbox.imitation("ebay").inventory().received().get("bulkUpdatePriceQuantity").size();
    assertThat(itemsSent)
        .as("items sent for 60 updates of 30 SKUs")
        .isLessThan(60)
        .isGreaterThanOrEqualTo(30);
  }

  @Test
  void aRefusedItemIsParkedWhileTheRestOfItsBatchApplies(Emulators emulators, TestProject project)
      throws Exception {
    sandbox.imitation("ebay").inventory().set("KNOWN-1", 0);
    ConnectorFunction function = function(emulators, project);
    ExecutorService invocations = Executors.newFixedThreadPool(2);
    Future<?> known =
        invocations.submit(
            () -> {
              function.handle(delivered(availability("ebay", "KNOWN-1", 12, 1), "ebay"));
              return null;
            });
    Future<?> unknown =
        invocations.submit(
            () -> {
              function.handle(delivered(availability("ebay", "UNKNOWN-1", 12, 1), "ebay"));
              return null;
            });
    known.get();
    unknown.get();
    invocations.shutdown();

    assertThat(sandbox.imitation("ebay").inventory().get("KNOWN-1")).isEqualTo(12);
    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "availability--ebay--dead-letter--parked");
    assertThat(parked).hasSize(1);
    assertThat(((AvailabilityChanged) EventJson.decode(parked.get(0).data()).getData()).getSku())
        .isEqualTo("UNKNOWN-1");
    assertThat(parked.get(0).attributes()).containsEntry("storewire-parked-vendor", "ebay");
  }

  @Test
  void wooCommerceGetsItsStockOverOAuthSignedHttpAndParksAnUnknownSku(
      Emulators emulators, TestProject project) throws Exception {
    sandbox.imitation("woocommerce").inventory().set("W-1", 1);
    ConnectorFunction woo =
        com.storewire.connectors.woocommerce.WooCommerceStockFunctionAccess.create(
            env(emulators, project, Map.of("STOREWIRE_COALESCE_MS", "50")));

    woo.handle(delivered(availability("woocommerce", "W-1", 14, 1), "woocommerce"));
    woo.handle(delivered(availability("woocommerce", "W-404", 14, 1), "woocommerce"));

    assertThat(sandbox.imitation("woocommerce").inventory().get("W-1")).isEqualTo(14);
    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "availability--woocommerce--dead-letter--parked");
    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).attributes()).containsEntry("storewire-parked-vendor", "woocommerce");
  }
}
