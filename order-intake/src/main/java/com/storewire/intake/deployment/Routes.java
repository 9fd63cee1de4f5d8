package com.storewire.intake.deployment;

/**
 * Which routes a deployment of the order-intake image serves ({@code storewire.routes}, {@code
 * STOREWIRE_ROUTES}). The same image runs as two Cloud Run services: {@code order-intake-public}
 * ({@link #PUBLIC}, invoker allUsers) and {@code order-intake} ({@link #PRIVATE}, Cloud Run IAM).
 */
public enum Routes {
  /**
   * Only what must be reachable without a Google identity, each route authenticated by the
   * application: the storefront's ({@link StorefrontRoute}, its API key) and the marketplaces'
   * webhooks ({@link WebhookRoute}, each vendor's signature). Plus {@code /health}.
   */
  PUBLIC,
  /**
   * Everything Cloud Run IAM guards ({@link PrivateRoute}): Pub/Sub push, SKU settings, the
   * availability listing, order reads and recovered orders for the reconciliation job, and the
   * management endpoints. Its invokers are the push identity, the reconciliation job and operators.
   */
  PRIVATE;

  /** The setting's spelling: {@code public} or {@code private}. */
  public String setting() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
