package com.storewire.connectors.core;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A rotating refresh token shared by every process of one deployable (each instance of a connector
 * function, each task of each reconciliation execution), in a Firestore document of that
 * deployable's own ({@code <collection>/<vendor>}: each deployable signs in as an app of its own,
 * so two never spend each other's token), with the access token it last gave. A process takes that
 * access token while it is valid (one exchange serves every process until it expires), and
 * otherwise takes a short lease, exchanges the kept refresh token and keeps the next one, so no two
 * processes spend the same refresh token and one started later, from the configured token long
 * since spent, still signs in.
 */
public final class FirestoreRefreshTokens implements RefreshTokenKeeper {

  /** Long enough for one token exchange; a process that died holding it is waited out. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static final Duration EARLY = Duration.ofMinutes(1);

  private final DocumentReference doc;
  private final Clock clock;
  private String lastGiven;

  public FirestoreRefreshTokens(Firestore db, String collection, String vendor, Clock clock) {
    this.doc = db.collection(collection).document(vendor);
    this.clock = clock;
  }

  private record Turn(AccessToken.Issued shared, String refreshToken, boolean leasedElsewhere) {}

  @Override
  public synchronized AccessToken.Issued exchange(
      String configured, Function<String, Rotation> exchange) {
    Instant deadline = clock.instant().plus(LEASE.multipliedBy(3));
    while (clock.instant().isBefore(deadline)) {
      // A plain read first: instances asking at once (a scale-out, the hour's expiry) then meet
      // in a transaction only while nobody holds the lease, and Firestore serialises those.
      Turn turn = offer(Firestores.await(doc.get()));
      if (turn == null) {
        turn =
            Firestores.await(doc.getFirestore().runTransaction(tx -> take(tx.get(doc).get(), tx)));
      }
      if (turn.shared() != null) {
        lastGiven = turn.shared().value();
        return turn.shared();
      }
      if (!turn.leasedElsewhere()) {
        return rotate(turn.refreshToken() != null ? turn.refreshToken() : configured, exchange);
      }
      sleep();
    }
    throw new IllegalStateException("another process held the token exchange lease for too long");
  }

  /**
   * The shared access token if it is valid and not the one this process already had (a process asks
   * again only when its token expired or was refused); else a wait for another's lease; else null:
   * the lease is free.
   */
  private Turn offer(DocumentSnapshot current) {
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
    return null;
  }

  /** What the document offers, or the lease and the refresh token kept, if any. */
  private Turn take(DocumentSnapshot current, Transaction tx) {
    Turn offered = offer(current);
    if (offered != null) {
      return offered;
    }
    Map<String, Object> leased = new HashMap<>();
    leased.put("lease_until", timestamp(clock.instant().plus(LEASE)));
    tx.set(doc, leased, SetOptions.merge());
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
