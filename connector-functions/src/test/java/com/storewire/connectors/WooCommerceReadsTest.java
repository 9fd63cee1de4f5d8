package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.woocommerce.WooCommerceReads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation's reads of WooCommerce (OAuth 1.0a over the sandbox's plain HTTP), through the
 * connector core, against the vendor sandbox.
 */
class WooCommerceReadsTest extends SandboxedReadsTest {

  @Override
  MarketplaceReads reads(Map<String, String> settings) {
    return new WooCommerceReads(settings, clock, pacer);
  }

  @Override
  String vendor() {
    return "woocommerce";
  }

  @Override
  String orderWebhook() {
    return "order.created";
  }

  @Override
  int ordersPerPage() {
    return 100;
  }

  @Test
  void listingsReadEveryProductBackInPagesOf100() {
    Map<String, Integer> stock = skus("WOO", 250);
    marketplace.stock(stock);

    assertThat(reads.listings(core)).isEqualTo(stock);
    assertThat(core.calls()).isEqualTo(3);
  }

  @Test
  void aThrottledReadStillReturnsEverythingAndItsCallsShowTheRetries() {
    Map<String, Integer> stock = skus("BOX", 150);
    marketplace.stock(stock);
    marketplace.fault("THROTTLE", 2);

    assertThat(reads.listings(core)).isEqualTo(stock);
    assertThat(core.calls()).isEqualTo(2 + 2);
  }

  @Test
  void aRevokedKeyIsAnAuthFailureNotAnEmptyList() {
    marketplace.stock(Map.of("KEY-1", 1));
    marketplace.revokeTokens();

    assertThatThrownBy(() -> reads.listings(core))
        .isInstanceOfSatisfying(
            ConnectorCore.Exhausted.class,
            exhausted -> {
              assertThat(exhausted.failure().kind()).isEqualTo(VendorFailure.Kind.AUTH);
              assertThat(exhausted.attempts()).isEqualTo(2);
            });
  }
}
