package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment the connector functions get on this machine: the same variables a deployment sets
 * from Secret Manager, pointing at the vendor sandbox and the Pub/Sub emulator instead. Only base
 * URLs and credentials differ from production.
 */
public final class LocalConnectors {

  private LocalConnectors() {}

  public static Map<String, String> env(
      Emulators emulators, String project, SandboxServer sandbox) {
    VendorSandbox.Credentials credentials = VendorSandbox.Credentials.local();
    Map<String, String> env = new HashMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", project);
    env.put("PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort());
    env.put("SHOPIFY_BASE_URL", sandbox.baseUrl("shopify"));
    env.put("SHOPIFY_CLIENT_ID", "shopify-client");
    env.put("SHOPIFY_CLIENT_SECRET", credentials.shopifyClientSecret());
    env.put("SHOPIFY_REFRESH_TOKEN", credentials.shopifyRefreshToken());
    env.put("EBAY_BASE_URL", sandbox.baseUrl("ebay"));
    env.put("EBAY_CLIENT_ID", "Storewire-app-PRD");
    env.put("EBAY_CLIENT_SECRET", credentials.ebayClientSecret());
    env.put("EBAY_REFRESH_TOKEN", credentials.ebayRefreshToken());
    env.put("WOOCOMMERCE_SITE_URL", sandbox.baseUrl("woocommerce"));
    env.put("WOOCOMMERCE_CONSUMER_KEY", "ck_storewire");
    env.put("WOOCOMMERCE_CONSUMER_SECRET", credentials.wooConsumerSecret());
    env.put("AMAZON_LWA_URL", sandbox.baseUrl("amazon"));
    env.put("AMAZON_SP_API_URL", sandbox.baseUrl("amazon"));
    env.put("AMAZON_CLIENT_ID", "amzn1.application-oa2-client.storewire");
    env.put("AMAZON_CLIENT_SECRET", credentials.amazonClientSecret());
    env.put("AMAZON_REFRESH_TOKEN", credentials.amazonRefreshToken());
    env.put("AMAZON_SELLER_ID", "SELLER1");
    env.put("SHIPSTATION_BASE_URL", sandbox.baseUrl("shipstation"));
    env.put("SHIPSTATION_API_KEY", "ss-key");
    env.put("SHIPSTATION_API_SECRET", credentials.shipStationSecret());
    env.put("KLAVIYO_BASE_URL", sandbox.baseUrl("klaviyo"));
    env.put("KLAVIYO_API_KEY", credentials.klaviyoApiKey());
    env.put("LOGIWA_BASE_URL", sandbox.baseUrl("logiwa"));
    env.put("LOGIWA_USERNAME", "storewire@example.com");
    env.put("LOGIWA_PASSWORD", credentials.logiwaPassword());
    return env;
  }
}
