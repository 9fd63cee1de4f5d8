package com.storewire.connectors.amazon;

import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.Pacer;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class AmazonStockFunctionAccess {

  private AmazonStockFunctionAccess() {}

  public static ConnectorFunction create(Map<String, String> env) {
    return new AmazonStockFunction(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }
}
