package com.storewire.connectors.core;

import com.storewire.events.Event;
import com.storewire.events.SystemId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A connector function that handles each event it accepts on its own, in one vendor exchange
 * (ShipStation orders and shipments, Klaviyo events, Logiwa orders), under the core's token, pacing
 * and retry policy.
 */
public abstract class PerEventFunction extends ConnectorFunction {

  private final ConnectorCore core;

  protected PerEventFunction(
      SystemId vendor,
      String operation,
      String subscription,
      Map<String, String> env,
      Clock clock,
      Pacer pacer,
      Supplier<AccessToken.Issued> credentials) {
    this(vendor, operation, List.of(subscription), env, clock, pacer, credentials);
  }

  protected PerEventFunction(
      SystemId vendor,
      String operation,
      List<String> subscriptions,
      Map<String, String> env,
      Clock clock,
      Pacer pacer,
      Supplier<AccessToken.Issued> credentials) {
    super(vendor, operation, subscriptions, env);
    this.core = newCore(new AccessToken(credentials, clock), pacer, env);
  }

  /** True for the events this function delivers; others are acknowledged untouched. */
  protected abstract boolean accepts(Event event);

  /** The vendor call; throws a classified {@link VendorFailure}. */
  protected abstract void send(String token, Event event);

  @Override
  protected final ItemFailure deliver(Event event) {
    if (!accepts(event)) {
      return null;
    }
    try {
      core.call(
          token -> {
            send(token, event);
            return null;
          });
      return null;
    } catch (ConnectorCore.Exhausted exhausted) {
      return new ItemFailure(exhausted.failure(), exhausted.attempts());
    }
  }

  /** For vendors with fixed credentials (Basic keys, API keys): a token that never expires. */
  protected static Supplier<AccessToken.Issued> fixed(String credential) {
    return () -> new AccessToken.Issued(credential, java.time.Instant.MAX);
  }
}
