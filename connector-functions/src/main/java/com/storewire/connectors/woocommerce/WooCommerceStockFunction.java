package com.storewire.connectors.woocommerce;

import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.StockFunction;
import java.time.Clock;
import java.util.Map;

/** AvailabilityChanged for the WooCommerce channel → its products' stock quantities. */
public final class WooCommerceStockFunction extends StockFunction {

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public WooCommerceStockFunction() {
    this(System.getenv());
  }

  /** With explicit configuration: the local stack and the benchmark host it this way. */
  public WooCommerceStockFunction(Map<String, String> env) {
    this(env, Clock.systemUTC());
  }

  WooCommerceStockFunction(Map<String, String> env, Clock clock) {
    super(new WooCommerceStockAdapter(WooCommerceApi.from(env)), env, clock, new Pacer(clock));
  }
}
