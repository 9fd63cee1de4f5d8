package com.storewire.deployment;

import java.util.List;
import java.util.Map;

/**
 * What a vendor's adapters read to reach it: non-secret settings (base URLs, client and account
 * ids, per environment), optional ones (left unset, the adapter finds the value itself), and
 * secrets (Secret Manager). Every deployable that calls a vendor reads the same names.
 */
final class VendorCredentials {

  private static final Map<String, List<String>> SETTINGS =
      Map.of(
          "SHOPIFY", List.of("SHOPIFY_BASE_URL", "SHOPIFY_CLIENT_ID"),
          "AMAZON",
              List.of(
                  "AMAZON_CLIENT_ID",
                  "AMAZON_LWA_URL",
                  "AMAZON_MARKETPLACE_ID",
                  "AMAZON_SELLER_ID",
                  "AMAZON_SP_API_URL"),
          "EBAY", List.of("EBAY_BASE_URL", "EBAY_CLIENT_ID"),
          "WOOCOMMERCE", List.of("WOOCOMMERCE_SITE_URL"),
          "SHIPSTATION", List.of("SHIPSTATION_BASE_URL"),
          "KLAVIYO", List.of("KLAVIYO_BASE_URL"),
          "LOGIWA", List.of("LOGIWA_BASE_URL", "LOGIWA_USERNAME"));

  /**
   * Settings an environment may leave out. {@code SHOPIFY_LOCATION_ID}: the Shopify locations stock
   * is set at and reconciled from; without it, the store's online location, looked up once per
   * instance.
   */
  private static final Map<String, List<String>> OPTIONAL_SETTINGS =
      Map.of("SHOPIFY", List.of("SHOPIFY_LOCATION_ID"));

  private static final Map<String, List<String>> SECRETS =
      Map.of(
          "SHOPIFY", List.of("SHOPIFY_CLIENT_SECRET", "SHOPIFY_REFRESH_TOKEN"),
          "AMAZON", List.of("AMAZON_CLIENT_SECRET", "AMAZON_REFRESH_TOKEN"),
          "EBAY", List.of("EBAY_CLIENT_SECRET", "EBAY_REFRESH_TOKEN"),
          "WOOCOMMERCE", List.of("WOOCOMMERCE_CONSUMER_KEY", "WOOCOMMERCE_CONSUMER_SECRET"),
          "SHIPSTATION", List.of("SHIPSTATION_API_KEY", "SHIPSTATION_API_SECRET"),
          "KLAVIYO", List.of("KLAVIYO_API_KEY"),
          "LOGIWA", List.of("LOGIWA_PASSWORD"));

  private VendorCredentials() {}

  static List<String> settings(String vendor) {
    return SETTINGS.get(vendor);
  }

  static List<String> optionalSettings(String vendor) {
    return OPTIONAL_SETTINGS.getOrDefault(vendor, List.of());
  }

  static List<String> secrets(String vendor) {
    return SECRETS.get(vendor);
  }
}
