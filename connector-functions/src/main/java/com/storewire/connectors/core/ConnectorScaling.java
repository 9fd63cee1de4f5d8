package com.storewire.connectors.core;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import com.storewire.deployment.EnvValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * How each connector function runs in production: requests one instance serves at once ({@code
 * concurrency}; gen2 functions with 1 vCPU take up to 1000, and the Functions Framework invoker
 * serves up to 1024 at once), the most instances ({@code max_instances}), and the part of its
 * vendor's documented limits ({@link VendorLimit}) its instances hold together. The deployment
 * description gives terraform the first two and each function the environment of {@link #env()}.
 *
 * <p>Why these numbers: every stock function runs as one instance taking many deliveries at once.
 * Its {@link Coalescer} gathers them into bulk calls, and it is also what keeps an older version of
 * a SKU from landing after a newer one: the routine subscriptions are unordered, so two instances
 * holding two versions of one SKU would land them in either order and leave the older quantity at
 * the vendor (measured with {@code bench connectors --instances 4}: 7 to 9 of 60 SKUs left stale on
 * eBay and WooCommerce). Logiwa's orders run as one instance too, since only one process can keep a
 * one-second window. Functions without such a limit (Klaviyo, the inbound ones) run as several.
 * Functions calling the same vendor split it (ShipStation's orders and shipments). The
 * reconciliation job draws on none of these limits: it reads Shopify as an app of its own (its own
 * bucket, shared by its tasks through {@code CLOUD_RUN_TASK_COUNT}) and Amazon through the reports
 * and orders usage plans, which the connectors do not call.
 *
 * @param function the function's name in the deployment (terraform's key)
 * @param draws the documented limits its calls spend
 */
public record ConnectorScaling(
    String function,
    int concurrency,
    int maxInstances,
    double vendorShare,
    List<VendorLimit> draws) {

  /**
   * The documented limits each function's calls spend. Its concurrency, instances and share of
   * those limits are the deployment description's (canonical-events' Deployment), which terraform
   * deploys and the local stack runs.
   */
  private static final Map<String, List<VendorLimit>> DRAWS =
      Map.of(
          // Coalesced inventorySetQuantities of up to 250; Shopify's bucket restores 100 points/s.
          "shopify-stock", List.of(VendorLimit.SHOPIFY_ADMIN_GRAPHQL),
          // Patches at 5/s and feeds at 5 per 5 minutes: one instance, batching as much as it can.
          "amazon-stock",
              List.of(
                  VendorLimit.AMAZON_LISTINGS_ITEMS,
                  VendorLimit.AMAZON_LISTINGS_FEEDS,
                  VendorLimit.AMAZON_GET_FEED),
          // eBay documents daily quotas only (none found for bulkUpdatePriceQuantity), WooCommerce
          // none: a 429 with Retry-After paces the instance. One instance all the same: see above.
          "ebay-stock", List.of(),
          "woocommerce-stock", List.of(),
          // One call per order at 40 a minute: more instances would only wait longer.
          "shipstation-order", List.of(VendorLimit.SHIPSTATION),
          "shipstation-shipment", List.of(VendorLimit.SHIPSTATION),
          "klaviyo-event", List.of(VendorLimit.KLAVIYO_CREATE_EVENT),
          // 1 request/s: only one process can keep a one-second window; 50 orders a call.
          "logiwa-order", List.of(VendorLimit.LOGIWA_STANDARD),
          // Turns Logiwa's webhooks into events: no Logiwa call.
          "logiwa-inventory", List.of(),
          "vendor-webhook", List.of());

  public static final List<ConnectorScaling> PRODUCTION =
      Deployment.storewire().deployables(Deployable.Kind.FUNCTION).stream()
          .map(ConnectorScaling::of)
          .toList();

  private static ConnectorScaling of(Deployable function) {
    EnvValue share = function.env().get(Deployment.VENDOR_SHARE);
    return new ConnectorScaling(
        function.name(),
        function.scaling().concurrency(),
        function.scaling().maxInstances(),
        share instanceof EnvValue.Fixed fixed ? Double.parseDouble(fixed.value()) : 1,
        DRAWS.getOrDefault(function.name(), List.of()));
  }

  public ConnectorScaling {
    new InstanceShare(maxInstances, vendorShare); // validates
    if (concurrency < 1 || concurrency > 1000) {
      throw new IllegalArgumentException("concurrency is 1 to 1000, not " + concurrency);
    }
  }

  public static ConnectorScaling production(String function) {
    return PRODUCTION.stream()
        .filter(s -> s.function().equals(function))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no connector function " + function));
  }

  /** The same function run as {@code instances} instances taking {@code concurrency} each. */
  public ConnectorScaling with(int concurrency, int instances) {
    return new ConnectorScaling(function, concurrency, instances, vendorShare, draws);
  }

  /** What the function reads to know its part of its vendor's limits. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(InstanceShare.MAX_INSTANCES, Integer.toString(maxInstances));
    env.put(InstanceShare.VENDOR_SHARE, String.format(Locale.ROOT, "%s", vendorShare));
    return env;
  }

  public InstanceShare share() {
    return new InstanceShare(maxInstances, vendorShare);
  }
}
