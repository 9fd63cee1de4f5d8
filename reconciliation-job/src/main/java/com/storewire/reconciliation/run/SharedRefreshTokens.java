package com.storewire.reconciliation.run;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.RefreshTokenKeeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A rotating refresh token shared by every task of every execution, in the job's own Firestore
 * document ({@code reconciliation_credentials/<vendor>}), with the access token it last gave: a
 * task takes that access token while it is valid (one exchange serves every task for its hour), and
 * otherwise takes a short lease, exchanges the kept refresh token and keeps the next one, so no two
 * tasks spend the same refresh token.
 */
public final class SharedRefreshTokens implements RefreshTokenKeeper {

  static final String CREDENTIALS = "reconciliation_credentials";

  /** Long enough for one token exchange; a task that died holding it is waited out. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static final Duration EARLY = Duration.ofMinutes(1);

  private final DocumentReference doc;
  private final Clock clock;
  private String lastGiven;

  public SharedRefreshTokens(Firestore db, String vendor, Clock clock) {
    this.doc = db.collection(CREDENTIALS).document(vendor);
    this.clock = clock;
  }

  private record Turn(AccessToken.Issued shared, String refreshToken, boolean leasedElsewhere) {}

  @Override
  public synchronized AccessToken.Issued exchange(
      String configured, Function<String, Rotation> exchange) {
    Instant deadline = clock.instant().plus(LEASE.multipliedBy(3));
    while (clock.instant().isBefore(deadline)) {
      Turn turn =
          Firestores.await(doc.getFirestore().runTransaction(tx -> take(tx.get(doc).get(), tx)));
      if (turn.shared() != null) {
        lastGiven = turn.shared().value();
        return turn.shared();
      }
      if (!turn.leasedElsewhere()) {
        return rotate(turn.refreshToken() != null ? turn.refreshToken() : configured, exchange);
      }
      sleep();
    }
    throw new IllegalStateException("another task held the token exchange lease for too long");
  }

  /**
   * The shared access token if it is valid and not the one this process already had (a process asks
   * again only when its token expired or was refused); else the lease, or a wait for it.
   */
  private Turn take(DocumentSnapshot current, com.google.cloud.firestore.Transaction tx) {
    Instant now = clock.instant();
    if (current.exists()) {
      String access = current.getString("access_token");
      Timestamp expires = current.getTimestamp("access_expires_at");
      if (access != null
          && expires != null
          && !access.equals(lastGiven)
          && instant(expires).isAfter(now.plus(EARLY))) {
        return new Turn(new AccessToken.Issued(access, instant(expires)), null, false);
      }
      Timestamp lease = current.getTimestamp("lease_until");
      if (lease != null && instant(lease).isAfter(now)) {
        return new Turn(null, null, true);
      }
    }
    Map<String, Object> leased = new HashMap<>();
    leased.put("lease_until", timestamp(now.plus(LEASE)));
    tx.set(doc, leased, com.google.cloud.firestore.SetOptions.merge());
    return new Turn(null, current.exists() ? current.getString("refresh_token") : null, false);
  }

  private AccessToken.Issued rotate(String refreshToken, Function<String, Rotation> exchange) {
    Rotation rotation;
    try {
      rotation = exchange.apply(refreshToken);
    } catch (RuntimeException e) {
      Firestores.await(doc.update("lease_until", null));
      throw e;
    }
    Map<String, Object> kept = new HashMap<>();
    kept.put("refresh_token", rotation.nextRefreshToken());
    kept.put("access_token", rotation.access().value());
    kept.put("access_expires_at", timestamp(rotation.access().expiresAt()));
    kept.put("lease_until", null);
    Firestores.await(doc.set(kept));
    lastGiven = rotation.access().value();
    return rotation.access();
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static Timestamp timestamp(Instant i) {
    return Timestamp.ofTimeSecondsAndNanos(i.getEpochSecond(), i.getNano());
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
