package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.MarketplaceReads.PolledOrder;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.shopify.ShopifyReads;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconciliation's reads of Shopify, through the connector core, against the vendor sandbox. */
class ShopifyReadsTest extends SandboxedReadsTest {

  @Override
  MarketplaceReads reads(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    // Reconciliation signs in as its own app: the stock connector's refresh token is not needed.
    env.remove("SHOPIFY_REFRESH_TOKEN");
    return new ShopifyReads(env, clock, pacer);
  }

  @Override
  String vendor() {
    return "shopify";
  }

  @Override
  String orderWebhook() {
    return "orders/create";
  }

  @Override
  int ordersPerPage() {
    return 250;
  }

  @Test
  void listingsReadEverySkuBackThroughOneBulkOperation() {
    Map<String, Integer> stock = skus("TEE", 300);
    marketplace.stock(stock);

    assertThat(reads.listings(core)).isEqualTo(stock);
    // Start, a poll that finds it RUNNING, one that finds it COMPLETED, the download.
    assertThat(core.calls()).isEqualTo(4);
  }

  @Test
  void twoThousandSkusStillTakeAHandfulOfCalls() {
    Map<String, Integer> stock = skus("BIG", 2_000);
    marketplace.stock(stock);

    assertThat(reads.listings(core)).isEqualTo(stock);
    assertThat(core.calls()).isLessThanOrEqualTo(5);
    // What the shop saw, the token exchange included.
    assertThat(sandbox.imitation("shopify").requests()).isLessThanOrEqualTo(6);
  }

  @Test
  void anEmptyShopListsNothing() {
    assertThat(reads.listings(core)).isEmpty();
  }

  @Test
  void throttledReadsStillReturnEverythingAndTheirCallsShowTheRetries() {
    Map<String, Integer> stock = skus("CAP", 300);
    marketplace.stock(stock);
    marketplace.sell("CAP-0001");
    marketplace.sell("CAP-0002");

    marketplace.fault("THROTTLE", 2);
    Map<String, Integer> listed = reads.listings(core);
    long listingCalls = core.calls();
    marketplace.fault("THROTTLE", 2);
    List<PolledOrder> orders = reads.ordersSince(core, Instant.EPOCH);

    assertThat(listed).isEqualTo(sandbox.imitation("shopify").inventory().snapshot());
    assertThat(listingCalls).isEqualTo(4 + 2);
    assertThat(orders).hasSize(2);
    assertThat(core.calls() - listingCalls).isEqualTo(1 + 2);
  }

  @Test
  void aDriftedAnswerIsAFailureNeverAnEmptyResult() {
    marketplace.stock(Map.of("HAT-1", 4));
    marketplace.sell("HAT-1");
    assertThat(reads.ordersSince(core, Instant.EPOCH)).hasSize(1);
    marketplace.fault("SCHEMA_DRIFT");

    assertThatThrownBy(() -> reads.ordersSince(core, Instant.EPOCH))
        .isInstanceOfSatisfying(
            ConnectorCore.Exhausted.class,
            exhausted -> {
              assertThat(exhausted.failure().kind()).isEqualTo(VendorFailure.Kind.RETRYABLE);
              assertThat(exhausted.failure()).hasMessageContaining("no orders array");
              assertThat(exhausted.attempts()).isEqualTo(6);
            });
    assertThatThrownBy(() -> reads.listings(core))
        .isInstanceOf(ConnectorCore.Exhausted.class)
        .hasMessageContaining("unexpected answer");
  }
}
