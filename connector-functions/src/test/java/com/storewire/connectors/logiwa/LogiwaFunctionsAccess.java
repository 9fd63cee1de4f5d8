package com.storewire.connectors.logiwa;

import com.storewire.connectors.core.ConnectorFunction;
import java.time.Clock;
import java.util.Map;

/** Builds the functions with explicit configuration, as the runtime's environment would give it. */
public final class LogiwaFunctionsAccess {

  private LogiwaFunctionsAccess() {}

  public static ConnectorFunction orders(Map<String, String> env) {
    return new LogiwaOrderFunction(env, Clock.systemUTC());
  }

  public static ConnectorFunction inventory(Map<String, String> env) {
    return new LogiwaInventoryFunction(env);
  }
}
