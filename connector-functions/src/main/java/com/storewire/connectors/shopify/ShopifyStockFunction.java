package com.storewire.connectors.shopify;

import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.FirestoreRefreshTokens;
import com.storewire.connectors.core.Firestores;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.StockFunction;
import com.storewire.connectors.core.VendorLimit;
import java.time.Clock;
import java.util.Map;

/**
 * AvailabilityChanged for the Shopify channel → Shopify's available quantities. Shopify replaces
 * the refresh token with every use, and the function runs as many instances, each cold-started from
 * the configured (long spent) token: they keep the latest one in Firestore, in {@value
 * #CREDENTIALS}{@code /shopify}, and exchange one at a time. Stock is set at {@code
 * SHOPIFY_LOCATION_ID}, or at the store's online location, looked up once per instance ({@link
 * ShopifyLocations}).
 */
public final class ShopifyStockFunction extends StockFunction {

  /**
   * The functions' own collection: the reconciliation job signs in as another app and keeps its
   * token in its own.
   */
  static final String CREDENTIALS = "connector_credentials";

  private final Firestore credentials;

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public ShopifyStockFunction() {
    this(System.getenv());
  }

  /** With explicit configuration: the local stack and the benchmark host it this way. */
  public ShopifyStockFunction(Map<String, String> env) {
    this(env, Clock.systemUTC(), new Pacer(Clock.systemUTC()));
  }

  ShopifyStockFunction(Map<String, String> env, Clock clock, Pacer pacer) {
    this(
        env,
        clock,
        pacer,
        Firestores.open(env.get("GOOGLE_CLOUD_PROJECT"), Firestores.DEFAULT_DATABASE, env));
  }

  private ShopifyStockFunction(
      Map<String, String> env, Clock clock, Pacer pacer, Firestore credentials) {
    this(
        env,
        clock,
        pacer,
        credentials,
        ShopifyAdmin.from(
            env,
            "SHOPIFY_REFRESH_TOKEN",
            new FirestoreRefreshTokens(credentials, CREDENTIALS, "shopify", clock),
            VendorLimit.SHOPIFY_ADMIN_GRAPHQL,
            pacer,
            clock));
  }

  private ShopifyStockFunction(
      Map<String, String> env,
      Clock clock,
      Pacer pacer,
      Firestore credentials,
      ShopifyAdmin shopify) {
    super(new ShopifyStockAdapter(shopify, ShopifyLocations.from(env, shopify)), env, clock, pacer);
    this.credentials = credentials;
  }

  @Override
  public void close() throws InterruptedException {
    try {
      super.close();
    } finally {
      credentials.shutdown();
    }
  }
}
