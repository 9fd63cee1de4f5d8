package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.availability;
import static com.storewire.connectors.Deliveries.delivered;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.Firestores;
import com.storewire.connectors.shopify.ShopifyStockFunctionAccess;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.codec.EventJson;
import com.storewire.sandbox.core.Imitation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Instances of the Shopify stock function, as Cloud Functions scales it out and cold-starts it,
 * each configured with the same {@code SHOPIFY_REFRESH_TOKEN} secret that Shopify replaces on every
 * use: they share the latest through the Firestore emulator. The sandbox and the instances run on
 * one clock the test moves an hour on, so access tokens really expire between rounds.
 */
@WithEmulators
class ShopifyTokenSharingTest extends SandboxedFunctionTest {

  private static final AtomicLong VERSIONS = new AtomicLong();

  /** Past the access token's hour, so every instance must refresh. */
  private static final Duration PAST_EXPIRY = Duration.ofMinutes(61);

  private final MovableClock clock = new MovableClock();

  @Override
  Clock sandboxClock() {
    return clock;
  }

  private Imitation shopify() {
    return sandbox.imitation("shopify");
  }

  @Test
  void instancesStartedFromTheSpentSecretShareTheRotatingTokenAcrossExpiries(
      Emulators emulators, TestProject project) throws Exception {
    Map<String, String> env = env(emulators, project, Map.of());
    List<String> skus = List.of("TOKEN-A", "TOKEN-B");
    skus.forEach(sku -> shopify().inventory().set(sku, 0));
    ExecutorService instances = Executors.newFixedThreadPool(skus.size());
    try (ConnectorFunction first = ShopifyStockFunctionAccess.create(env, clock);
        ConnectorFunction second = ShopifyStockFunctionAccess.create(env, clock)) {
      List<ConnectorFunction> running = List.of(first, second);
      for (int round = 1; round <= 3; round++) {
        // Both instances push at once, then again, on the token the round's first refresh gave.
        for (int push = 0; push < 2; push++) {
          int quantity = round * 10 + push;
          List<Future<?>> pushed = new ArrayList<>();
          for (int i = 0; i < running.size(); i++) {
            ConnectorFunction instance = running.get(i);
            String sku = skus.get(i);
            pushed.add(
                instances.submit(
                    () -> {
                      instance.handle(
                          delivered(
                              availability("shopify", sku, quantity, VERSIONS.incrementAndGet()),
                              "shopify"));
                      return null;
                    }));
          }
          for (Future<?> done : pushed) {
            done.get();
          }
          for (String sku : skus) {
            assertThat(shopify().inventory().get(sku)).as(sku).isEqualTo(quantity);
          }
        }
        clock.advance(PAST_EXPIRY);
      }
    } finally {
      instances.shutdown();
    }

    // A cold start long after: its secret's token was spent three rotations ago.
    try (ConnectorFunction third = ShopifyStockFunctionAccess.create(env, clock)) {
      third.handle(
          delivered(availability("shopify", "TOKEN-A", 42, VERSIONS.incrementAndGet()), "shopify"));
    }

    assertThat(shopify().inventory().get("TOKEN-A")).isEqualTo(42);
    // Shopify refused nothing: no spent refresh token, no expired access token.
    assertThat(shopify().refusals(status -> true)).isZero();
    assertThat(
            new PubSubRest(emulators.pubsub().hostPort())
                .pull(project.id(), "connector-alerts--bigquery", 10))
        .isEmpty();
    try (Firestore db = Firestores.open(project.id(), Firestores.DEFAULT_DATABASE, env)) {
      DocumentSnapshot kept =
          Firestores.await(db.collection("connector_credentials").document("shopify").get());
      assertThat(kept.getString("refresh_token"))
          .isNotBlank()
          .isNotEqualTo(env.get("SHOPIFY_REFRESH_TOKEN"));
    }
  }

  /** What the shared document prevents: an instance that finds no kept token is locked out. */
  @Test
  void withoutTheKeptTokenAnInstanceFromTheSpentSecretIsRefused(
      Emulators emulators, TestProject project) throws Exception {
    Map<String, String> env = env(emulators, project, Map.of());
    shopify().inventory().set("TOKEN-C", 0);
    try (ConnectorFunction first = ShopifyStockFunctionAccess.create(env, clock)) {
      first.handle(
          delivered(availability("shopify", "TOKEN-C", 8, VERSIONS.incrementAndGet()), "shopify"));
    }
    try (Firestore db = Firestores.open(project.id(), Firestores.DEFAULT_DATABASE, env)) {
      Firestores.await(db.collection("connector_credentials").document("shopify").delete());
    }

    try (ConnectorFunction later = ShopifyStockFunctionAccess.create(env, clock)) {
      later.handle(
          delivered(availability("shopify", "TOKEN-C", 9, VERSIONS.incrementAndGet()), "shopify"));
    }

    assertThat(shopify().inventory().get("TOKEN-C")).isEqualTo(8);
    assertThat(shopify().refusals(status -> status == 400)).isPositive();
    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.AUTH_EXPIRED);
  }
}
