package com.storewire.connectors.shipstation;

import com.google.cloud.functions.CloudEventsFunction;
import com.storewire.connectors.core.Pacer;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class ShipStationOrderFunctionAccess {

  private ShipStationOrderFunctionAccess() {}

  public static CloudEventsFunction create(Map<String, String> env) {
    return new ShipStationOrderFunction(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  public static CloudEventsFunction shipments(Map<String, String> env) {
    return new ShipStationShipmentFunction(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }
}
