package com.storewire.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.RefreshTokenKeeper.Rotation;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A vendor whose refresh token works once, as Shopify's: processes sharing it through Firestore
 * never spend one twice.
 */
@WithEmulators
class FirestoreRefreshTokensTest {

  private final Clock clock = Clock.systemUTC();

  /** Shopify's rule: each refresh token works once and is replaced by the next. */
  private static final class RotatingVendor implements Function<String, Rotation> {
    private String valid = "refresh-0";
    private int exchanges;
    final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized Rotation apply(String refreshToken) {
      if (!refreshToken.equals(valid)) {
        refused.add(refreshToken);
        throw new IllegalStateException("invalid_grant: " + refreshToken);
      }
      exchanges++;
      valid = "refresh-" + exchanges;
      return new Rotation(
          new AccessToken.Issued(
              "access-" + exchanges, Clock.systemUTC().instant().plusSeconds(3600)),
          valid);
    }
  }

  @Test
  void parallelTasksShareOneExchangeAndARefusedTokenUsesTheKeptRefreshToken(
      Emulators emulators, TestProject project) throws Exception {
    RotatingVendor vendor = new RotatingVendor();
    try (Firestore db =
        Firestores.open(
            project.id(),
            Firestores.DEFAULT_DATABASE,
            Map.of("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort()))) {
      ExecutorService tasks = Executors.newFixedThreadPool(4);
      List<Future<AccessToken.Issued>> tokens = new ArrayList<>();
      List<FirestoreRefreshTokens> keepers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        FirestoreRefreshTokens keeper =
            new FirestoreRefreshTokens(db, "credentials", "shopify", clock);
        keepers.add(keeper);
        tokens.add(tasks.submit(() -> keeper.exchange("refresh-0", vendor)));
      }
      for (Future<AccessToken.Issued> token : tokens) {
        assertThat(token.get().value()).isEqualTo("access-1");
      }
      tasks.shutdown();
      assertThat(vendor.exchanges).isEqualTo(1);

      // The vendor refused access-1 (revoked): the task asks again and the kept token is used.
      AccessToken.Issued again = keepers.get(0).exchange("refresh-0", vendor);

      assertThat(again.value()).isEqualTo("access-2");
      assertThat(vendor.refused).isEmpty();

      // A later execution, configured with the long-spent first token, still signs in.
      FirestoreRefreshTokens nextExecution =
          new FirestoreRefreshTokens(db, "credentials", "shopify", clock);
      assertThat(nextExecution.exchange("refresh-0", vendor).value()).isEqualTo("access-2");
      assertThat(vendor.refused).isEmpty();
    }
  }
}
