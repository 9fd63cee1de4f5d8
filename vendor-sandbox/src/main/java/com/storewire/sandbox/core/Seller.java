package com.storewire.sandbox.core;

import java.util.List;

/**
 * A marketplace that sells: buyers order against its own, possibly stale, copy of stock, and it
 * delivers each order to the merchant as its signed webhook.
 */
public interface Seller {

  /** Where this marketplace's webhooks go (order intake's endpoint for it). */
  void deliverTo(String webhookUrl);

  /**
   * Sells one order of {@code quantity} of {@code sku} if its copy shows enough, and delivers the
   * webhook (twice, or late, when those faults are scripted). Returns the vendor's order id, or
   * null when its copy shows the SKU as sold out.
   */
  String sell(String sku, int quantity);

  /** Deliveries not yet made (held back by an out-of-order fault); sends them now. */
  List<String> flush();

  /** Webhooks delivered a second time (the duplicate fault) that the merchant answered 2xx. */
  long duplicatesAnswered();
}
