package com.storewire.connectors.shopify;

import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.RefreshTokenKeeper;
import com.storewire.connectors.core.StockFunction;
import java.time.Clock;
import java.util.Map;

/** AvailabilityChanged for the Shopify channel → Shopify's available quantities. */
public final class ShopifyStockFunction extends StockFunction {

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public ShopifyStockFunction() {
    this(System.getenv());
  }

  /** With explicit configuration: the local stack and the benchmark host it this way. */
  public ShopifyStockFunction(Map<String, String> env) {
    this(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  ShopifyStockFunction(Map<String, String> env, Clock clock, Pacer pacer) {
    super(
        new ShopifyStockAdapter(
            ShopifyAdmin.from(
                env, "SHOPIFY_REFRESH_TOKEN", RefreshTokenKeeper.inMemory(), pacer, clock)),
        env,
        clock,
        pacer);
  }
}
