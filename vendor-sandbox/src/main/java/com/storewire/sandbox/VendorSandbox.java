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
import java.util.List;

/**
 * Every vendor imitation on one port, with the credentials the local stack's connectors are given.
 * Embed it in a test, or run it alone ({@code ./storewire sandbox}).
 */
public final class VendorSandbox {

  /** The credentials the sandbox accepts; the local stack configures connectors with them. */
  @com.fasterxml.jackson.annotation.JsonAutoDetect(
      fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
  public record Credentials(
      String shopifyClientSecret,
      String shopifyRefreshToken,
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
    Clock clock = Clock.systemUTC();
    List<Imitation> vendors =
        List.of(
            new ShopifyImitation(seed, clock, c.shopifyClientSecret(), c.shopifyRefreshToken()),
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
}
