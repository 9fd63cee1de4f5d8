package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.availability;
import static com.storewire.connectors.Deliveries.delivered;
import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.connectors.amazon.AmazonStockFunction;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.ebay.EbayStockFunction;
import com.storewire.connectors.shopify.ShopifyStockFunction;
import com.storewire.connectors.woocommerce.WooCommerceStockFunction;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.codec.EventJson;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.Imitation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every marketplace stock function under every fault the vendors show: the vendor ends with the
 * newest quantities, every update is applied or parked with its alert, none is lost.
 */
@WithEmulators
class StockFaultsTest extends SandboxedFunctionTest {

  /** How a fault is injected, and whether the updates still all arrive. */
  enum Fault {
    THROTTLE_STORM(true),
    SERVER_ERROR_BURST(true),
    TIMEOUT(true),
    SCHEMA_DRIFT(true),
    TOKEN_EXPIRED_MID_RUN(true),
    PARTIAL_BULK(false);

    final boolean allArrive;

    Fault(boolean allArrive) {
      this.allArrive = allArrive;
    }

    void inject(Imitation vendor) {
      switch (this) {
        case THROTTLE_STORM -> vendor.faults().add(Faults.Kind.THROTTLE, 3, null, 1.0, 0);
        case SERVER_ERROR_BURST -> vendor.faults().add(Faults.Kind.SERVER_ERROR, 3, null, 1.0, 0);
        // Longer than the connectors' 10 s call timeout: the client gives up, then retries.
        case TIMEOUT -> vendor.faults().add(Faults.Kind.TIMEOUT, 1, null, 1.0, 11_000);
        case SCHEMA_DRIFT -> vendor.faults().add(Faults.Kind.SCHEMA_DRIFT, 1, null, 1.0, 0);
        case TOKEN_EXPIRED_MID_RUN -> vendor.revokeTokens();
        case PARTIAL_BULK -> vendor.faults().add(Faults.Kind.PARTIAL_BULK, 1, null, 1.0, 0);
      }
    }
  }

  private static final Map<String, Function<Map<String, String>, ConnectorFunction>> FUNCTIONS =
      Map.of(
          "shopify", ShopifyStockFunction::new,
          "ebay", EbayStockFunction::new,
          "woocommerce", WooCommerceStockFunction::new,
          "amazon", AmazonStockFunction::new);

  /**
   * Three SKUs per burst; eight for Amazon's feed, which it uses only for routine batches of more
   * than five (fewer go as single patchListingsItem calls, which have no bulk answer to split).
   */
  static Stream<Arguments> vendorsAndFaults() {
    List<Arguments> cases = new ArrayList<>();
    for (String vendor : List.of("shopify", "ebay", "woocommerce", "amazon")) {
      for (Fault fault : Fault.values()) {
        // WooCommerce's OAuth 1.0a consumer keys do not expire: there is no token to refresh.
        if (!(vendor.equals("woocommerce") && fault == Fault.TOKEN_EXPIRED_MID_RUN)
            && !(vendor.equals("amazon") && fault == Fault.PARTIAL_BULK)) {
          cases.add(Arguments.of(vendor, fault, 3));
        }
        if (vendor.equals("amazon")) {
          cases.add(Arguments.of(vendor, fault, 8));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} under {1}, {2} SKUs")
  @MethodSource("vendorsAndFaults")
  void theVendorEndsWithTheNewestQuantitiesOrTheUpdateIsParkedAndAlerted(
      String vendor, Fault fault, int skuCount, Emulators emulators, TestProject project)
      throws Exception {
    Imitation imitation = sandbox.imitation(vendor);
    List<String> skus = IntStream.rangeClosed(1, skuCount).mapToObj(i -> "F-" + i).toList();
    skus.forEach(sku -> imitation.inventory().set(sku, 0));
    ConnectorFunction function =
        FUNCTIONS
            .get(vendor)
            .apply(env(emulators, project, Map.of("STOREWIRE_COALESCE_MS", "100")));
    // A first update makes the connector hold a token before the fault, as in a running system.
    function.handle(delivered(availability(vendor, "F-1", 1, 1), vendor));

    fault.inject(imitation);
    ExecutorService deliveries = Executors.newFixedThreadPool(skus.size());
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < skus.size(); i++) {
      String sku = skus.get(i);
      int quantity = 20 + i;
      done.add(
          deliveries.submit(
              () -> {
                function.handle(delivered(availability(vendor, sku, quantity, 2), vendor));
                return null;
              }));
    }
    for (Future<?> delivery : done) {
      delivery.get();
    }
    deliveries.shutdown();

    List<String> parked = new ArrayList<>();
    for (PubSubRest.ReceivedMessage message :
        pull(emulators, project, "availability--" + vendor + "--dead-letter--parked", 0)) {
      parked.add(EventJson.decode(message.data()).getSubject());
    }
    for (int i = 0; i < skus.size(); i++) {
      String sku = skus.get(i);
      assertThat(
              parked.contains(sku)
                  || Integer.valueOf(20 + i).equals(imitation.inventory().get(sku)))
          .as("%s is at the vendor with its newest quantity, or parked", sku)
          .isTrue();
    }
    List<ConnectorAlert> alerts =
        pull(emulators, project, "connector-alerts--bigquery", parked.size()).stream()
            .map(m -> (ConnectorAlert) EventJson.decode(m.data()).getData())
            .toList();
    if (skuCount > 5) {
      assertThat(imitation.inventory().received())
          .as("went as a feed")
          .containsKey("JSON_LISTINGS_FEED");
    }
    if (fault.allArrive) {
      assertThat(parked).as("parked under %s", fault).isEmpty();
    } else {
      assertThat(parked).as("the refused item is parked").hasSize(1);
      assertThat(alerts).as("its alert").hasSizeGreaterThanOrEqualTo(1);
    }
  }
}
