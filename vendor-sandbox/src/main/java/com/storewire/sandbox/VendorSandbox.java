package com.storewire.sandbox;

import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.vendors.AmazonImitation;
import com.storewire.sandbox.vendors.EbayImitation;
import com.storewire.sandbox.vendors.KlaviyoImitation;
import com.storewire.sandbox.vendors.LogiwaImitation;
import com.storewire.sandbox.vendors.ShipStationImitation;
import com.storewire.sandbox.vendors.ShopifyImitation;
import com.storewire.sandbox.vendors.WooCommerceImitation;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every vendor imitation on one port, with the credentials the local stack's connectors are given.
 * Embed it in a test, or run it alone ({@code ./storewire sandbox}).
 */
public final class VendorSandbox {

  /**
   * The credentials the sandbox accepts; the local stack configures connectors with them. Shopify
   * has two refresh tokens, the stock connector's and the reconciliation job's read-only app's:
   * each rotates on every use, so two processes sharing one would lock each other out.
   */
  @com.fasterxml.jackson.annotation.JsonAutoDetect(
      fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
  public record Credentials(
      String shopifyClientSecret,
      String shopifyRefreshToken,
      String shopifyReconciliationRefreshToken,
      String amazonClientSecret,
      String amazonRefreshToken,
      String amazonEventBridgeApiKey,
      String ebayClientSecret,
      String ebayRefreshToken,
      String wooConsumerSecret,
      String wooWebhookSecret,
      String shipStationSecret,
      String klaviyoApiKey,
      String logiwaPassword) {

    public static Credentials local() {
      return new Credentials(
          "local-shopify-secret",
          "shprt_local",
          "shprt_reconciliation",
          "local-amazon-secret",
          "Atzr|local",
          "local-amazon-key",
          "local-ebay-secret",
          "v^1.1#r^local",
          "cs_local",
          "local-woocommerce-secret",
          "local-shipstation-secret",
          "pk_local",
          "local-logiwa");
    }
  }

  private VendorSandbox() {}

  public static SandboxServer start(int port, long seed, Credentials c) {
    return start(port, seed, c, Clock.systemUTC());
  }

  /**
   * On {@code clock}: a test that moves it on sees access tokens expire after their documented
   * lifetime (Shopify's hour) without waiting for it.
   */
  public static SandboxServer start(int port, long seed, Credentials c, Clock clock) {
    List<Imitation> vendors =
        List.of(
            new ShopifyImitation(
                seed,
                clock,
                c.shopifyClientSecret(),
                c.shopifyRefreshToken(),
                c.shopifyReconciliationRefreshToken()),
            new AmazonImitation(
                seed + 1,
                clock,
                c.amazonClientSecret(),
                c.amazonRefreshToken(),
                c.amazonEventBridgeApiKey()),
            new EbayImitation(seed + 2, clock, c.ebayClientSecret(), c.ebayRefreshToken()),
            new WooCommerceImitation(seed + 3, clock, c.wooConsumerSecret(), c.wooWebhookSecret()),
            new ShipStationImitation(seed + 4, clock, c.shipStationSecret()),
            new KlaviyoImitation(seed + 5, clock, c.klaviyoApiKey()),
            new LogiwaImitation(seed + 6, clock, c.logiwaPassword()));
    return new SandboxServer(vendors, port);
  }

  /**
   * The settings the connector functions read (from Secret Manager in Google Cloud), pointing at
   * this sandbox: only base URLs and credentials differ from production.
   */
  public static Map<String, String> connectorSettings(SandboxServer sandbox, Credentials c) {
    Map<String, String> settings = new HashMap<>();
    settings.put("SHOPIFY_BASE_URL", sandbox.baseUrl("shopify"));
    settings.put("SHOPIFY_CLIENT_ID", "shopify-client");
    settings.put("SHOPIFY_CLIENT_SECRET", c.shopifyClientSecret());
    settings.put("SHOPIFY_REFRESH_TOKEN", c.shopifyRefreshToken());
    settings.put("SHOPIFY_RECONCILIATION_REFRESH_TOKEN", c.shopifyReconciliationRefreshToken());
    settings.put("EBAY_BASE_URL", sandbox.baseUrl("ebay"));
    settings.put("EBAY_CLIENT_ID", "Storewire-app-PRD");
    settings.put("EBAY_CLIENT_SECRET", c.ebayClientSecret());
    settings.put("EBAY_REFRESH_TOKEN", c.ebayRefreshToken());
    settings.put("WOOCOMMERCE_SITE_URL", sandbox.baseUrl("woocommerce"));
    settings.put("WOOCOMMERCE_CONSUMER_KEY", "ck_storewire");
    settings.put("WOOCOMMERCE_CONSUMER_SECRET", c.wooConsumerSecret());
    settings.put("AMAZON_LWA_URL", sandbox.baseUrl("amazon"));
    settings.put("AMAZON_SP_API_URL", sandbox.baseUrl("amazon"));
    settings.put("AMAZON_CLIENT_ID", "amzn1.application-oa2-client.storewire");
    settings.put("AMAZON_CLIENT_SECRET", c.amazonClientSecret());
    settings.put("AMAZON_REFRESH_TOKEN", c.amazonRefreshToken());
    settings.put("AMAZON_SELLER_ID", "SELLER1");
    settings.put("AMAZON_MARKETPLACE_ID", "ATVPDKIKX0DER");
    settings.put("SHIPSTATION_BASE_URL", sandbox.baseUrl("shipstation"));
    settings.put("SHIPSTATION_API_KEY", ShipStationImitation.API_KEY);
    settings.put("SHIPSTATION_API_SECRET", c.shipStationSecret());
    settings.put("KLAVIYO_BASE_URL", sandbox.baseUrl("klaviyo"));
    settings.put("KLAVIYO_API_KEY", c.klaviyoApiKey());
    settings.put("LOGIWA_BASE_URL", sandbox.baseUrl("logiwa"));
    settings.put("LOGIWA_USERNAME", LogiwaImitation.USERNAME);
    settings.put("LOGIWA_PASSWORD", c.logiwaPassword());
    return settings;
  }
}
