package com.storewire.connectors.ebay;

import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.StockFunction;
import java.time.Clock;
import java.util.Map;

/** AvailabilityChanged for the eBay channel → eBay's ship-to-location quantities. */
public final class EbayStockFunction extends StockFunction {

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public EbayStockFunction() {
    this(System.getenv());
  }

  /** With explicit configuration: the local stack and the benchmark host it this way. */
  public EbayStockFunction(Map<String, String> env) {
    this(env, Clock.systemUTC());
  }

  EbayStockFunction(Map<String, String> env, Clock clock) {
    super(new EbayStockAdapter(new EbaySellApi(env, clock)), env, clock, new Pacer(clock));
  }
}
