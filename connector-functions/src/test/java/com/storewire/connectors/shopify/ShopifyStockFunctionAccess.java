package com.storewire.connectors.shopify;

import com.storewire.connectors.core.ConnectorFunction;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class ShopifyStockFunctionAccess {

  private ShopifyStockFunctionAccess() {}

  public static ConnectorFunction create(Map<String, String> env) {
    return new ShopifyStockFunction(
        env, Clock.systemUTC(), new com.storewire.connectors.core.Pacer(Clock.systemUTC()));
  }
}
