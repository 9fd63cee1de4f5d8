package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.intake.stock.StockLevels;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.core.Seller;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The vendor sandbox's marketplaces sell against their own (stale) copies of stock and deliver
 * signed webhooks to order intake, as in a flash sale: every signature verifies, every order is
 * reserved or recorded as oversold, and nothing is reserved twice.
 */
@MicronautTest
class MarketplaceSellingTest extends IntakeTest {

  private SandboxServer sandbox;

  @Inject EmbeddedServer server;

  @Override
  protected Map<String, String> extraProperties() {
    VendorSandbox.Credentials local = VendorSandbox.Credentials.local();
    sandbox =
        VendorSandbox.start(
            0,
            7,
            new VendorSandbox.Credentials(
                SHOPIFY_SECRET,
                local.shopifyRefreshToken(),
                local.amazonClientSecret(),
                local.amazonRefreshToken(),
                AMAZON_KEY,
                local.ebayClientSecret(),
                local.ebayRefreshToken(),
                local.wooConsumerSecret(),
                WOO_SECRET,
                local.shipStationSecret(),
                local.klaviyoApiKey(),
                local.logiwaPassword()));
    return Map.of(
        "storewire.webhooks.ebay.public-key-url",
        sandbox.baseUrl("ebay") + "/commerce/notification/v1/public_key/");
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  @Test
  void fourMarketplacesSellingFromStaleCopiesNeverOversellSilently() {
    seed("FLASH-1", 10, 8);
    Map<String, String> paths =
        Map.of(
            "shopify", "/v1/webhooks/shopify/orders-create",
            "woocommerce", "/v1/webhooks/woocommerce/order-created",
            "ebay", "/v1/webhooks/ebay/notifications",
            "amazon", "/v1/webhooks/amazon/order-change");
    paths.forEach(
        (vendor, path) -> {
          sandbox.imitation(vendor).inventory().set("FLASH-1", 10);
          ((Seller) sandbox.imitation(vendor)).deliverTo(server.getURL() + path);
        });
    sandbox
        .imitation("shopify")
        .faults()
        .add(com.storewire.sandbox.core.Faults.Kind.DUPLICATE_WEBHOOK, 0, null, 1.0, 0);

    int sold = 0;
    for (String vendor : paths.keySet()) {
      for (int i = 0; i < 3; i++) {
        if (((Seller) sandbox.imitation(vendor)).sell("FLASH-1", 1) != null) {
          sold++;
        }
      }
    }

    assertThat(sold).isEqualTo(12);
    StockLevels levels = stock.levels("FLASH-1").orElseThrow();
    assertThat(levels.reserved()).isEqualTo(10);
    assertThat(levels.available()).isZero();
    var orderEvents =
        events(
            "orders--bigquery",
            e ->
                e.getType().equals("com.storewire.order.oversold")
                    || e.getType().equals("com.storewire.order.placed"),
            12);
    long oversold = orderEvents.stream().filter(e -> e.getType().endsWith("oversold")).count();
    long placed = orderEvents.stream().filter(e -> e.getType().endsWith("placed")).count();
    assertThat(placed).isEqualTo(10);
    assertThat(oversold).isEqualTo(2);
  }

  @Test
  void aDriftedPayloadThatNoLongerReadsAsAnOrderIsParkedWithItsRawBody() {
    seed("DRIFT-1", 5, 1);
    sandbox.imitation("ebay").inventory().set("DRIFT-1", 5);
    ((Seller) sandbox.imitation("ebay"))
        .deliverTo(server.getURL() + "/v1/webhooks/ebay/notifications");
    sandbox
        .imitation("ebay")
        .faults()
        .add(com.storewire.sandbox.core.Faults.Kind.SCHEMA_DRIFT, 1, null, 1.0, 0);

    String orderId = ((Seller) sandbox.imitation("ebay")).sell("DRIFT-1", 1);

    assertThat(stock.levels("DRIFT-1").orElseThrow().reserved()).isZero();
    assertThat(
            events(
                "raw-vendor-payloads--bigquery",
                e ->
                    new String(
                            ((com.storewire.events.RawVendorPayload) e.getData()).getBody().array(),
                            java.nio.charset.StandardCharsets.UTF_8)
                        .contains(orderId),
                1))
        .hasSize(1);
  }
}
