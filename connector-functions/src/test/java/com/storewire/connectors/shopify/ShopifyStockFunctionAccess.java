package com.storewire.connectors.shopify;

import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.Pacer;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class ShopifyStockFunctionAccess {

  private ShopifyStockFunctionAccess() {}

  public static ConnectorFunction create(Map<String, String> env) {
    return create(env, Clock.systemUTC());
  }

  /** On {@code clock}: the instance sees its tokens expire when the test moves it on. */
  public static ConnectorFunction create(Map<String, String> env, Clock clock) {
    return new ShopifyStockFunction(env, clock, new Pacer(clock));
  }
}
