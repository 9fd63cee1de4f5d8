package com.storewire.sandbox.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth-style credentials as the vendors issue them: a long-lived refresh token exchanged for
 * access tokens that expire after the vendor's documented lifetime, and can be revoked early.
 */
public final class Tokens {

  private final Clock clock;
  private final Duration lifetime;
  private final String prefix;
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();

  public Tokens(Clock clock, Duration lifetime, String prefix) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.prefix = prefix;
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** Registers a refresh token (what a merchant's app install gives the connector). */
  public void allowRefreshToken(String refreshToken) {
    refreshTokens.put(refreshToken, true);
  }

  /** A static access token that never expires unless revoked (API keys, basic auth pairs). */
  public void allowAccessToken(String token) {
    accessTokens.put(token, Instant.MAX);
  }

  /** Null when the refresh token is unknown; else a fresh access token. */
  public String exchange(String refreshToken) {
    if (refreshToken == null || !refreshTokens.containsKey(refreshToken)) {
      return null;
    }
    return issue();
  }

  /**
   * A fresh access token with no refresh token behind it: what a client credentials grant gives a
   * client that authenticated itself (an application token).
   */
  public String issue() {
    String token = prefix + UUID.randomUUID();
    accessTokens.put(token, clock.instant().plus(lifetime));
    return token;
  }

  /**
   * As {@link #exchange}, but the refresh token is used up and a new one issued with the access
   * token (Shopify's expiring offline tokens). Returns {access, refresh}, or null.
   */
  public String[] exchangeRotating(String refreshToken) {
    String access = exchange(refreshToken);
    if (access == null) {
      return null;
    }
    refreshTokens.remove(refreshToken);
    String next = prefix + "refresh-" + UUID.randomUUID();
    refreshTokens.put(next, true);
    return new String[] {access, next};
  }

  public boolean valid(String accessToken) {
    Instant expiry = accessToken == null ? null : accessTokens.get(accessToken);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  /** Every access token stops working now, as when a token is revoked or expires early. */
  public void revokeAll() {
    accessTokens.replaceAll((token, expiry) -> Instant.MIN);
  }
}
