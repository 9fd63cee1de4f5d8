package com.storewire.connectors.core;

import java.util.function.Function;

/**
 * Keeps a refresh token that the vendor replaces with every use (Shopify's expiring offline
 * tokens): after an exchange only the new one works. A process that keeps it in memory loses it
 * when it stops, and two processes holding the same one lock each other out, so a deployable that
 * runs as several processes (the reconciliation job's tasks) keeps it where they all see it and
 * lets one exchange at a time.
 */
public interface RefreshTokenKeeper {

  /** What an exchange gave: the access token and the refresh token to use next time. */
  record Rotation(AccessToken.Issued access, String nextRefreshToken) {}

  /**
   * An access token: one still valid that this process was not already given, or a new one from
   * {@code exchange} of the latest refresh token ({@code configured} until one was kept).
   */
  AccessToken.Issued exchange(String configured, Function<String, Rotation> exchange);

  /** In this process only, as a connector function instance keeps it. */
  static RefreshTokenKeeper inMemory() {
    return new RefreshTokenKeeper() {
      private String latest;

      @Override
      public synchronized AccessToken.Issued exchange(
          String configured, Function<String, Rotation> exchange) {
        Rotation rotation = exchange.apply(latest != null ? latest : configured);
        latest = rotation.nextRefreshToken();
        return rotation.access();
      }
    };
  }
}
