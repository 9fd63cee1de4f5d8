package com.storewire.localstack.flashsale;

import java.time.Duration;
import java.util.List;

/**
 * A fault the sale injects with {@code --faults}, at a fraction of the sale and, for a burst, for a
 * while (run time). The same faults at the same moments hit both sides.
 */
public record SaleFault(String name, String vendor, double atFraction, Duration lasting) {

  public static final String TOKEN_EXPIRED = "shopify_token_expired";
  public static final String THROTTLE_STORM = "amazon_429_storm";
  public static final String SERVER_ERROR_BURST = "ebay_5xx_burst";
  public static final String CONNECTOR_CRASH = "connector_crash_and_restart";
  public static final String DUPLICATE_WEBHOOKS = "duplicate_webhooks";

  /** Spread over the sale, the bursts inside its peak, where they hurt most. */
  /** Whether the vendor answering a call with this HTTP status is this fault meeting the call. */
  public boolean answeredWith(int status) {
    return switch (name) {
      case TOKEN_EXPIRED -> status == 401 || status == 403;
      case THROTTLE_STORM -> status == 429;
      case SERVER_ERROR_BURST -> status >= 500;
      default -> false;
    };
  }

  public static List<SaleFault> standard() {
    return List.of(
        new SaleFault(DUPLICATE_WEBHOOKS, "all", 0.10, null),
        new SaleFault(TOKEN_EXPIRED, "shopify", 0.25, Duration.ZERO),
        new SaleFault(THROTTLE_STORM, "amazon", 0.35, Duration.ofSeconds(5)),
        new SaleFault(SERVER_ERROR_BURST, "ebay", 0.45, Duration.ofSeconds(5)),
        new SaleFault(CONNECTOR_CRASH, "woocommerce", 0.55, Duration.ofSeconds(3)));
  }
}
