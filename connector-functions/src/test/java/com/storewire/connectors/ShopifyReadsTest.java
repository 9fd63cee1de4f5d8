package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.FirestoreRefreshTokens;
import com.storewire.connectors.core.Firestores;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.MarketplaceReads.PolledOrder;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.RefreshTokenKeeper;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.shopify.ShopifyReads;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.vendors.ShopifyImitation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation's reads of Shopify, through the connector core, against the vendor sandbox, with
 * the rotating refresh token kept in the Firestore emulator as the job keeps it.
 */
@WithEmulators
class ShopifyReadsTest extends SandboxedReadsTest {

  private final Firestore credentials;

  ShopifyReadsTest(Emulators emulators) {
    // A project of its own per test, as the sandbox is: a token kept by an earlier test's sandbox
    // would be refused by this one's.
    credentials =
        Firestores.open(
            TestProject.fresh().id(),
            Firestores.DEFAULT_DATABASE,
            Map.of("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort()));
  }

  @AfterEach
  void closeCredentials() {
    credentials.shutdown();
  }

  /** Where a task keeps the rotating refresh token: one document every task shares. */
  private RefreshTokenKeeper sharedTokens() {
    return new FirestoreRefreshTokens(credentials, "credentials", "shopify", clock);
  }

  @Override
  MarketplaceReads reads(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    // Reconciliation signs in as its own app: the stock connector's refresh token is not needed.
    env.remove("SHOPIFY_REFRESH_TOKEN");
    return new ShopifyReads(env, clock, pacer, sharedTokens());
  }

  @Override
  String vendor() {
    return "shopify";
  }

  @Override
  String orderWebhook() {
    return "orders/create";
  }

  @Override
  int ordersPerPage() {
    return 250;
  }

  @Test
  void listingsReadEverySkuBackThroughOneBulkOperation() {
    Map<String, Integer> stock = skus("TEE", 300);
    marketplace.stock(stock);

    assertThat(reads.listings(core)).isEqualTo(stock);
    // The store's location (once), the start, a poll that finds it RUNNING, one that finds it
    // COMPLETED, the download.
    assertThat(core.calls()).isEqualTo(5);
    assertThat(reads.listings(core)).isEqualTo(stock);
    assertThat(core.calls()).isEqualTo(5 + 4);
  }

  @Test
  void twoThousandSkusStillTakeAHandfulOfCalls() {
    Map<String, Integer> stock = skus("BIG", 2_000);
    marketplace.stock(stock);

    assertThat(reads.listings(core)).isEqualTo(stock);
    assertThat(core.calls()).isLessThanOrEqualTo(6);
    // What the shop saw, the token exchange included.
    assertThat(sandbox.imitation("shopify").requests()).isLessThanOrEqualTo(7);
  }

  @Test
  void tasksReadingAtOnceShareTheExportShopifyRunsOneAtATime() throws Exception {
    Map<String, Integer> stock = skus("SOCK", 500);
    marketplace.stock(stock);
    java.util.concurrent.ExecutorService tasks =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    List<java.util.concurrent.Future<Map<String, Integer>>> read = new java.util.ArrayList<>();
    // The tasks pass the rotating refresh token on to each other through Firestore, as the job's
    // do.
    for (int task = 0; task < 3; task++) {
      Pacer ownPacer = new Pacer(clock);
      MarketplaceReads own =
          new ShopifyReads(
              VendorSandbox.connectorSettings(sandbox, CREDENTIALS),
              clock,
              ownPacer,
              sharedTokens());
      ConnectorCore ownCore =
          new ConnectorCore(
              new AccessToken(own::refresh, clock),
              ownPacer,
              6,
              Duration.ofMillis(50),
              (f, a) -> {});
      read.add(tasks.submit(() -> own.listings(ownCore)));
    }
    for (java.util.concurrent.Future<Map<String, Integer>> listed : read) {
      assertThat(listed.get()).isEqualTo(stock);
    }
    tasks.shutdown();
  }

  @Test
  void onlyTheStockConnectorsLocationsCountNotAStoresShelf() {
    marketplace.stock(Map.of("LOC-1", 5, "LOC-2", 0));
    shopify().stockAt("LOC-1", ShopifyImitation.FLAGSHIP_STORE.id(), 40);
    shopify().stockAt("LOC-2", ShopifyImitation.OVERFLOW_WAREHOUSE.id(), 3);

    // Discovered: the primary location, which sells online.
    assertThat(reads.listings(core))
        .containsExactlyInAnyOrderEntriesOf(Map.of("LOC-1", 5, "LOC-2", 0));
    // Configured: both warehouses, as the stock connector sets them.
    Map<String, String> env = new HashMap<>(VendorSandbox.connectorSettings(sandbox, CREDENTIALS));
    env.put(
        "SHOPIFY_LOCATION_ID",
        ShopifyImitation.OVERFLOW_WAREHOUSE.id() + ", " + ShopifyImitation.MAIN_WAREHOUSE.id());
    MarketplaceReads both = reads(env);
    ConnectorCore bothCore =
        new ConnectorCore(
            new AccessToken(both::refresh, clock), pacer, 6, Duration.ofMillis(50), (f, a) -> {});
    assertThat(both.listings(bothCore))
        .containsExactlyInAnyOrderEntriesOf(Map.of("LOC-1", 5, "LOC-2", 3));
    assertThat(bothCore.calls()).as("no lookup: the locations are configured").isEqualTo(4);
  }

  @Test
  void aStoreWithNoLocationToReadFailsTheReadNamingTheSetting() {
    marketplace.stock(Map.of("LOC-3", 5));
    shopify()
        .locations(
            ShopifyImitation.FLAGSHIP_STORE,
            ShopifyImitation.MAIN_WAREHOUSE,
            ShopifyImitation.OVERFLOW_WAREHOUSE);

    assertThatThrownBy(() -> reads.listings(core))
        .isInstanceOfSatisfying(
            ConnectorCore.Exhausted.class,
            exhausted -> {
              assertThat(exhausted.failure().reason())
                  .isEqualTo(com.storewire.events.ConnectorAlertReason.UNAVAILABLE);
              assertThat(exhausted.failure())
                  .hasMessageContaining("SHOPIFY_LOCATION_ID")
                  .hasMessageContaining(ShopifyImitation.MAIN_WAREHOUSE.id())
                  .hasMessageContaining(ShopifyImitation.OVERFLOW_WAREHOUSE.id());
            });
  }

  private ShopifyImitation shopify() {
    return (ShopifyImitation) sandbox.imitation("shopify");
  }

  @Test
  void anEmptyShopListsNothing() {
    assertThat(reads.listings(core)).isEmpty();
  }

  @Test
  void throttledReadsStillReturnEverythingAndTheirCallsShowTheRetries() {
    Map<String, Integer> stock = skus("CAP", 300);
    marketplace.stock(stock);
    marketplace.sell("CAP-0001");
    marketplace.sell("CAP-0002");

    marketplace.fault("THROTTLE", 2);
    Map<String, Integer> listed = reads.listings(core);
    long listingCalls = core.calls();
    marketplace.fault("THROTTLE", 2);
    List<PolledOrder> orders = reads.ordersSince(core, Instant.EPOCH);

    assertThat(listed).isEqualTo(sandbox.imitation("shopify").inventory().snapshot());
    assertThat(listingCalls).isEqualTo(5 + 2);
    assertThat(orders).hasSize(2);
    assertThat(core.calls() - listingCalls).isEqualTo(1 + 2);
  }

  @Test
  void aDriftedAnswerIsAFailureNeverAnEmptyResult() {
    marketplace.stock(Map.of("HAT-1", 4));
    marketplace.sell("HAT-1");
    assertThat(reads.ordersSince(core, Instant.EPOCH)).hasSize(1);
    marketplace.fault("SCHEMA_DRIFT");

    assertThatThrownBy(() -> reads.ordersSince(core, Instant.EPOCH))
        .isInstanceOfSatisfying(
            ConnectorCore.Exhausted.class,
            exhausted -> {
              assertThat(exhausted.failure().kind()).isEqualTo(VendorFailure.Kind.RETRYABLE);
              assertThat(exhausted.failure()).hasMessageContaining("no orders array");
              assertThat(exhausted.attempts()).isEqualTo(6);
            });
    assertThatThrownBy(() -> reads.listings(core))
        .isInstanceOf(ConnectorCore.Exhausted.class)
        .hasMessageContaining("unexpected answer");
  }
}
