package com.storewire.intake.outbox;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.storewire.intake.stock.Conflicts;
import com.storewire.intake.stock.StockStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Only one instance relays at a time, so one ordering key's events leave in commit order even when
 * Cloud Run runs several instances, of both deployments (public and private share the outbox and
 * this lease document). The holder renews a short lease; when it dies, another instance takes over
 * once the lease has run out. Taking it is a conditional write, so two instances can never both
 * hold it. An instance that found the lease held by another does not read it again before that
 * lease runs out (it could not take it sooner), so a scaled-out deployment's idle relays cost a
 * read per instance every few seconds, not one every loop.
 */
final class RelayLease {

  private static final Duration TERM = Duration.ofSeconds(15);
  private static final Duration RENEW_AFTER = Duration.ofSeconds(5);

  private final DocumentReference lease;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();
  private Instant renewedAt = Instant.EPOCH;
  private Instant heldByAnotherUntil = Instant.EPOCH;

  RelayLease(Firestore db) {
    this(db, Clock.systemUTC());
  }

  RelayLease(Firestore db, Clock clock) {
    this.lease = db.collection("relay_leases").document("outbox");
    this.clock = clock;
  }

  /** True while this instance holds the lease, renewing it when due. */
  boolean held() {
    Instant now = clock.instant();
    if (renewedAt.plus(RENEW_AFTER).isAfter(now)) {
      return true;
    }
    if (heldByAnotherUntil.isAfter(now)) {
      return false;
    }
    DocumentSnapshot current = StockStore.await(lease.get());
    boolean mine = current.exists() && owner.equals(current.getString("owner"));
    Instant expiresAt =
        current.exists() ? current.getTimestamp("expires_at").toDate().toInstant() : Instant.EPOCH;
    boolean lapsed = !current.exists() || expiresAt.isBefore(now);
    if (!mine && !lapsed) {
      heldByAnotherUntil = expiresAt;
      return false;
    }
    Map<String, Object> fields =
        Map.of("owner", owner, "expires_at", Timestamp.of(Date.from(now.plus(TERM))));
    try {
      if (current.exists()) {
        lease.update(fields, Precondition.updatedAt(current.getUpdateTime())).get();
      } else {
        lease.create(fields).get();
      }
      renewedAt = now;
      return true;
    } catch (ExecutionException e) {
      if (Conflicts.isLostRace(e)) {
        return false;
      }
      throw new IllegalStateException("relay lease write failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
