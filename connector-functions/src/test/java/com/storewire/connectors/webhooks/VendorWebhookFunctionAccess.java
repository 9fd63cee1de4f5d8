package com.storewire.connectors.webhooks;

import com.google.cloud.functions.HttpFunction;
import java.time.Clock;
import java.util.Map;

/** Builds the function with explicit configuration, as the runtime's environment would give it. */
public final class VendorWebhookFunctionAccess {

  private VendorWebhookFunctionAccess() {}

  public static HttpFunction create(Map<String, String> env) {
    return new VendorWebhookFunction(env, Clock.systemUTC());
  }
}
