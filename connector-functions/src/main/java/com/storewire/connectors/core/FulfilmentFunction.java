package com.storewire.connectors.core;

import com.storewire.events.Event;
import com.storewire.events.OrderPlaced;
import com.storewire.events.SystemId;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A function that hands each placed order to a system the order cannot be fulfilled without (the
 * WMS, the shipping tool). When that system refuses the order for good, the order is compensated:
 * the alert names it, and order intake cancels it and releases its stock.
 */
public abstract class FulfilmentFunction extends PerEventFunction {

  protected FulfilmentFunction(
      SystemId vendor,
      String operation,
      String subscription,
      Map<String, String> env,
      Clock clock,
      Pacer pacer,
      Supplier<AccessToken.Issued> credentials) {
    super(vendor, operation, subscription, env, clock, pacer, credentials);
  }

  /** Sends the order to the vendor; throws a classified {@link VendorFailure}. */
  protected abstract void send(String token, OrderPlaced order, Event event);

  @Override
  protected final boolean accepts(Event event) {
    return event.getData() instanceof OrderPlaced;
  }

  @Override
  protected final String compensatedOrder(Event event) {
    return ((OrderPlaced) event.getData()).getOrderId();
  }

  @Override
  protected final void send(String token, Event event) {
    send(token, (OrderPlaced) event.getData(), event);
  }
}
