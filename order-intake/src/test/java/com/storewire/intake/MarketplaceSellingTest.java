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
                local.shopifyReconciliationRefreshToken(),
                local.amazonClientSecret(),
                local.amazonRefreshToken(),
                AMAZON_KEY,
                EBAY_CLIENT_SECRET,
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
    Map<String, String> paths = webhookPaths();
    paths.forEach(
        (vendor, path) -> {
          sandbox.imitation(vendor).inventory().set("FLASH-1", 10);
          ((Seller) sandbox.imitation(vendor)).deliverTo(server.getURL() + path);
        });
    sandbox
        .imitation("shopify")
        .faults()
        .add(com.storewire.sandbox.core.Faults.Kind.DUPLICATE_WEBHOOK, 0, null, 1.0, 0);

    int sold = sellOnEach(paths.keySet(), "FLASH-1", 3);

    assertThat(sold).isEqualTo(12);
    StockLevels levels = stock.levels("FLASH-1").orElseThrow();
    assertThat(levels.reserved()).isEqualTo(10);
    assertThat(levels.available()).isZero();
    var orderEvents = placedOrOversold(12);
    long oversold = orderEvents.stream().filter(e -> e.getType().endsWith("oversold")).count();
    long placed = orderEvents.stream().filter(e -> e.getType().endsWith("placed")).count();
    assertThat(placed).isEqualTo(10);
    assertThat(oversold).isEqualTo(2);
  }

  /**
   * The worst case a flash sale with faults can bring: after their first lot, no marketplace's copy
   * is ever written again (every connector down), and all four sell everything their copies show,
   * with duplicate webhooks. Nothing is oversold: each can sell only its lot.
   */
  @Test
  void ringFencedMarketplacesCannotOversellWhateverTheirCopiesLagBy() {
    seed("FENCE-1", 10, 4);
    Map<String, String> paths = webhookPaths();
    fence("FENCE-1", 3);
    StockLevels granted = awaitGranted("FENCE-1", 10);
    paths.forEach(
        (vendor, path) -> {
          sandbox
              .imitation(vendor)
              .inventory()
              .set("FENCE-1", (int) granted.allocations().get(vendor).remaining());
          ((Seller) sandbox.imitation(vendor)).deliverTo(server.getURL() + path);
        });
    sandbox
        .imitation("ebay")
        .faults()
        .add(com.storewire.sandbox.core.Faults.Kind.DUPLICATE_WEBHOOK, 0, null, 1.0, 0);

    int sold = sellOnEach(paths.keySet(), "FENCE-1", 5);

    assertThat(sold).isEqualTo(10);
    StockLevels levels = stock.levels("FENCE-1").orElseThrow();
    assertThat(levels.reserved()).isEqualTo(10);
    assertThat(levels.ringFenced()).isZero();
    assertThat(order("fence-storefront", orderBody("FENCE-1", 1)).status()).isEqualTo(409);
    var orderEvents = placedOrOversold(10);
    assertThat(orderEvents).hasSize(10);
    assertThat(orderEvents).allMatch(e -> e.getType().endsWith("placed"));
  }

  /**
   * A lot's copy counts down by itself, so the channel's quantity is written only when it sold the
   * lot out (then its copy and the truth agree at 0): a write in between would hand out again the
   * units of sales still in flight. The storefront sells from the pool meanwhile.
   */
  @Test
  void aChannelThatSoldOutItsLotGetsTheNextAndNoWriteInBetween() {
    seed("FENCE-2", 20, 4);
    fence("FENCE-2", 3);
    awaitGranted("FENCE-2", 12);
    sandbox.imitation("shopify").inventory().set("FENCE-2", 3);
    ((Seller) sandbox.imitation("shopify"))
        .deliverTo(server.getURL() + webhookPaths().get("shopify"));

    for (int i = 0; i < 3; i++) {
      assertThat(((Seller) sandbox.imitation("shopify")).sell("FENCE-2", 1)).isNotNull();
    }
    assertThat(order("fence-2-storefront", orderBody("FENCE-2", 2)).status()).isEqualTo(201);

    StockLevels regranted = awaitGranted("FENCE-2", 15);
    assertThat(regranted.allocations().get("shopify").remaining()).isEqualTo(3);
    assertThat(regranted.available()).isEqualTo(20 - 3 - 2 - 12);
    var shopifyCopies =
        events(
            "availability--bigquery",
            e ->
                e.getData() instanceof com.storewire.events.AvailabilityChanged a
                    && a.getSku().equals("FENCE-2")
                    && a.getChannel().equals("shopify"),
            2);
    assertThat(shopifyCopies)
        .extracting(e -> ((com.storewire.events.AvailabilityChanged) e.getData()).getSellable())
        .containsExactly(3, 3);
  }

  private void fence(String sku, int lot) {
    Answer answer =
        internal(
            io.micronaut.http.HttpRequest.PUT(
                    "/v1/skus/" + sku + "/settings",
                    "{\"channel_lots\":{\"shopify\":"
                        + lot
                        + ",\"amazon\":"
                        + lot
                        + ",\"ebay\":"
                        + lot
                        + ",\"woocommerce\":"
                        + lot
                        + "}}")
                .contentType("application/json"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  /** Waits for the relay to have granted this many units in all. */
  private StockLevels awaitGranted(String sku, long units) {
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(15);
    while (true) {
      StockLevels levels = stock.levels(sku).orElseThrow();
      long granted =
          levels.allocations().values().stream()
              .mapToLong(com.storewire.intake.stock.ChannelAllocation::granted)
              .sum();
      if (granted >= units || java.time.Instant.now().isAfter(deadline)) {
        assertThat(granted).as("units granted to lots of " + sku).isEqualTo(units);
        return levels;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Buys one unit at a time, {@code times} times on each marketplace; returns the units sold. */
  private int sellOnEach(java.util.Collection<String> vendors, String sku, int times) {
    int sold = 0;
    for (String vendor : vendors) {
      for (int i = 0; i < times; i++) {
        if (((Seller) sandbox.imitation(vendor)).sell(sku, 1) != null) {
          sold++;
        }
      }
    }
    return sold;
  }

  private java.util.List<com.storewire.events.Event> placedOrOversold(int count) {
    return events(
        "orders--bigquery",
        e ->
            e.getType().equals("com.storewire.order.oversold")
                || e.getType().equals("com.storewire.order.placed"),
        count);
  }

  private static Map<String, String> webhookPaths() {
    return Map.of(
        "shopify", "/v1/webhooks/shopify/orders-create",
        "woocommerce", "/v1/webhooks/woocommerce/order-created",
        "ebay", "/v1/webhooks/ebay/notifications",
        "amazon", "/v1/webhooks/amazon/order-change");
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
