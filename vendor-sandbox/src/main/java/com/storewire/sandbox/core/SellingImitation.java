package com.storewire.sandbox.core;

import java.time.Clock;
import java.util.List;

/** A marketplace imitation: it sells against its own copy of stock and posts order webhooks. */
public abstract class SellingImitation extends Imitation implements Seller {

  protected final WebhookDelivery webhooks;

  protected SellingImitation(String name, long seed, Clock clock) {
    super(name, seed, clock);
    this.webhooks = new WebhookDelivery(faults);
  }

  @Override
  public final void deliverTo(String webhookUrl) {
    webhooks.target(webhookUrl);
  }

  @Override
  public final List<String> flush() {
    return webhooks.flush();
  }
}
