package com.storewire.sandbox.core;

import java.time.Clock;
import java.util.List;

/** A marketplace imitation: it sells against its own copy of stock and posts order webhooks. */
public abstract class SellingImitation extends Imitation implements Seller {

  protected final WebhookDelivery webhooks;

  /** What the vendor's order API lists: every order placed, its webhook delivered or not. */
  protected final PlacedOrders placed = new PlacedOrders();

  protected SellingImitation(String name, long seed, Clock clock) {
    super(name, seed, clock);
    this.webhooks = new WebhookDelivery(faults);
  }

  /**
   * A buyer orders if this marketplace's own copy of stock, stale or not, shows enough: the units
   * come off that copy and the order goes to the merchant as the vendor's webhook.
   */
  @Override
  public final String sell(String sku, int quantity) {
    return inventory.take(sku, quantity) ? placeOrder(sku, quantity) : null;
  }

  /** Records the sold order in the vendor's own shape, delivers its webhook, returns its id. */
  protected abstract String placeOrder(String sku, int quantity);

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

  @Override
  public final long duplicatesAnswered() {
    return webhooks.duplicatesAnswered();
  }
}
