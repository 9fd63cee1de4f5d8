package com.storewire.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A vendor access token, refreshed a minute before it expires and once more when the vendor answers
 * 401 anyway (revoked early). The fetcher owns the refresh credential, including a rotating refresh
 * token.
 */
public final class AccessToken {

  /** A token and when it stops working. */
  public record Issued(String value, Instant expiresAt) {}

  private static final Duration EARLY = Duration.ofMinutes(1);

  private final Supplier<Issued> fetcher;
  private final Clock clock;
  private Issued current;

  /**
   * A token endpoint's answer in OAuth's shape ({@code access_token}, {@code expires_in}); anything
   * else is the vendor refusing the credential, which a retry cannot fix.
   */
  public static Issued granted(JsonNode answer, Clock clock, long defaultLifetimeSeconds) {
    if (!answer.hasNonNull("access_token")) {
      throw VendorFailure.auth(
          400, "credential refused: " + answer.path("error_description").asText(answer.toString()));
    }
    return new Issued(
        answer.get("access_token").asText(),
        clock.instant().plusSeconds(answer.path("expires_in").asLong(defaultLifetimeSeconds)));
  }

  public AccessToken(Supplier<Issued> fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  public synchronized String value() {
    if (current == null || clock.instant().plus(EARLY).isAfter(current.expiresAt())) {
      current = fetcher.get();
    }
    return current.value();
  }

  /** The vendor refused it: the next call fetches a new one. */
  public synchronized void invalidate() {
    current = null;
  }
}
