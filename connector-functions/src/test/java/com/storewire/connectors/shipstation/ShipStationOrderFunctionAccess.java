package com.storewire.connectors.shipstation;

import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.Pacer;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class ShipStationOrderFunctionAccess {

  private ShipStationOrderFunctionAccess() {}

  public static ConnectorFunction create(Map<String, String> env) {
    return new ShipStationOrderFunction(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  public static ConnectorFunction shipments(Map<String, String> env) {
    return new ShipStationShipmentFunction(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }
}
