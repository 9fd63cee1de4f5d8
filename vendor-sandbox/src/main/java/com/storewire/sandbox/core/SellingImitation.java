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

  /**
   * Schema drift, when scripted: the payload gains a field nobody expects and loses one that
   * consumers may rely on but the vendor does not guarantee.
   */
  protected final void maybeDrift(
      com.fasterxml.jackson.databind.node.ObjectNode payload, String optionalField) {
    if (faults.draw(Faults.Kind.SCHEMA_DRIFT).isPresent()) {
      payload.put("unexpected_field", true);
      payload.remove(optionalField);
    }
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
