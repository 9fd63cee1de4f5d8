package com.storewire.connectors.klaviyo;

import com.storewire.connectors.core.ConnectorFunction;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class KlaviyoEventFunctionAccess {

  private KlaviyoEventFunctionAccess() {}

  public static ConnectorFunction create(Map<String, String> env) {
    return new KlaviyoEventFunction(env, Clock.systemUTC());
  }
}
