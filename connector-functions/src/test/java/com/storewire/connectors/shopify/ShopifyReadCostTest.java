package com.storewire.connectors.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.connectors.core.VendorLimit;
import org.junit.jupiter.api.Test;

/**
 * The points a stock read reserves before it is sent: however many locations each item is set at, a
 * full batch stays within the largest call the stock function's part of Shopify's bucket is sized
 * for, so no instance's burst is smaller than one of its calls.
 */
class ShopifyReadCostTest {

  @Test
  void aFullBatchReadIsNoLargerThanTheLargestCallAtAnyNumberOfLocations() {
    for (int locations = 1; locations <= ShopifyStockAdapter.MAX_QUANTITIES; locations++) {
      int batch = ShopifyStockAdapter.MAX_QUANTITIES / locations;
      assertThat((double) ShopifyStockAdapter.readCost(batch, locations))
          .as("%d locations", locations)
          .isLessThanOrEqualTo(VendorLimit.SHOPIFY_ADMIN_GRAPHQL.largestCall());
    }
    assertThat(ShopifyStockAdapter.readCost(250, 1)).as("as before locations").isEqualTo(251);
  }
}
