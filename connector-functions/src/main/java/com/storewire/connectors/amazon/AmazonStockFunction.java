package com.storewire.connectors.amazon;

import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.StockFunction;
import java.time.Clock;
import java.util.Map;

/** AvailabilityChanged for the Amazon channel → the listing's fulfillment availability. */
public final class AmazonStockFunction extends StockFunction {

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public AmazonStockFunction() {
    this(System.getenv());
  }

  /** With explicit configuration: the local stack and the benchmark host it this way. */
  public AmazonStockFunction(Map<String, String> env) {
    this(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  AmazonStockFunction(Map<String, String> env, Clock clock, Pacer pacer) {
    super(new AmazonStockAdapter(env, pacer, clock), env, clock, pacer);
  }
}
