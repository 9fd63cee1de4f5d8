package com.storewire.connectors.woocommerce;

import com.storewire.connectors.core.ConnectorFunction;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class WooCommerceStockFunctionAccess {

  private WooCommerceStockFunctionAccess() {}

  public static ConnectorFunction create(Map<String, String> env) {
    return new WooCommerceStockFunction(env, Clock.systemUTC());
  }
}
