package com.storewire.connectors.core;

import java.util.function.Function;

/**
 * Keeps a refresh token that the vendor replaces with every use (Shopify's expiring offline
 * tokens): after an exchange only the new one works. A process that kept it in memory would lose it
 * when it stops, and two processes holding the same one would lock each other out; every deployable
 * runs as several processes (function instances, the job's tasks), so it is kept where they all see
 * it and one exchanges at a time ({@link FirestoreRefreshTokens}).
 */
public interface RefreshTokenKeeper {

  /** What an exchange gave: the access token and the refresh token to use next time. */
  record Rotation(AccessToken.Issued access, String nextRefreshToken) {}

  /**
   * An access token: one still valid that this process was not already given, or a new one from
   * {@code exchange} of the latest refresh token ({@code configured} until one was kept).
   */
  AccessToken.Issued exchange(String configured, Function<String, Rotation> exchange);
}
