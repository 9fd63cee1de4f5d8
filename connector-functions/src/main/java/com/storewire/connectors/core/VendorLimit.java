package com.storewire.connectors.core;

import java.util.List;
import java.util.Locale;

/**
 * A vendor's documented limit on one group of calls (VENDORS.md), which every process making those
 * calls keeps together: each instance of each function that calls the vendor spends only its
 * {@linkplain #perInstance share} of it, so that the sum over functions and instances stays within
 * what the vendor allows. Units are requests, or cost points for Shopify's GraphQL bucket.
 *
 * <p>A limit is a set of token buckets (rate and burst: Amazon's usage plans, Shopify's cost
 * bucket) and fixed windows (at most {@code count} in any {@code seconds}: Logiwa, ShipStation,
 * Klaviyo). An instance spends through an {@link InstanceBudget}, itself a token bucket of {@code
 * rate} and {@code burst}; in any interval {@code t} it spends at most {@code burst + rate·t}, and
 * in whole requests at most {@code burst + floor(rate·t)}.
 *
 * @param name what the limit covers, for messages
 * @param buckets the vendor's token buckets
 * @param windows the vendor's fixed windows (held in any interval of their length, aligned or not)
 * @param largestCall the most units one call takes (1 request; Shopify: a read of 250 items)
 */
public record VendorLimit(
    String name, List<Bucket> buckets, List<Window> windows, double largestCall) {

  /** Refills {@code perSecond} up to {@code burst}. */
  public record Bucket(double perSecond, double burst) {}

  /** At most {@code count} units in any {@code seconds}. */
  public record Window(double count, double seconds) {}

  /** What one instance may spend: a token bucket. */
  public record Plan(double perSecond, double burst) {

    /** The most whole units this plan spends in any interval of {@code seconds}. */
    public double mostIn(double seconds) {
      return burst + Math.floor(perSecond * seconds + 1e-9);
    }
  }

  /**
   * Each instance keeps this much below its exact share of the sustained rate: clocks drift, and a
   * vendor's window need not start where ours does.
   */
  public static final double MARGIN = 0.95;

  /** Logiwa Standard: 1 request/s and 60/min; throttled as HTTP 403. */
  public static final VendorLimit LOGIWA_STANDARD =
      requests("Logiwa Standard plan", List.of(), List.of(w(1, 1), w(60, 60)));

  /** Logiwa Enterprise: 1 request per 113 ms and 530/min. */
  public static final VendorLimit LOGIWA_ENTERPRISE =
      requests("Logiwa Enterprise plan", List.of(), List.of(w(1, 0.113), w(530, 60)));

  /** Logiwa Premium: 1 request per 50 ms and 1200/min. */
  public static final VendorLimit LOGIWA_PREMIUM =
      requests("Logiwa Premium plan", List.of(), List.of(w(1, 0.05), w(1200, 60)));

  /** Amazon Listings Items get/put/patch/delete: 5 requests/s, burst 10. */
  public static final VendorLimit AMAZON_LISTINGS_ITEMS =
      requests("Amazon patchListingsItem", List.of(b(5, 10)), List.of());

  /**
   * Amazon JSON_LISTINGS_FEED: 5 feeds per 5 minutes per region, and createFeed's own plan of
   * 0.0083 requests/s, burst 15.
   */
  public static final VendorLimit AMAZON_LISTINGS_FEEDS =
      requests("Amazon JSON_LISTINGS_FEED", List.of(b(0.0083, 15)), List.of(w(5, 300)));

  /** Amazon getFeed: 2 requests/s, burst 15. */
  public static final VendorLimit AMAZON_GET_FEED =
      requests("Amazon getFeed", List.of(b(2, 15)), List.of());

  /**
   * Shopify Admin GraphQL, per app and store: a bucket of 2000 cost points restoring 100/s
   * (Standard plan). The stock function's largest call is a read of 250 items (1 point each, plus
   * the query); the reconciliation job's is a bulk operation (10).
   */
  public static final VendorLimit SHOPIFY_ADMIN_GRAPHQL =
      new VendorLimit("Shopify Admin GraphQL cost", List.of(b(100, 2000)), List.of(), 251);

  /** ShipStation V1: 40 requests a minute per key pair. */
  public static final VendorLimit SHIPSTATION =
      requests("ShipStation key pair", List.of(), List.of(w(40, 60)));

  /** Klaviyo Create Event: 350/s burst, 3500/min steady, per account. */
  public static final VendorLimit KLAVIYO_CREATE_EVENT =
      requests("Klaviyo Create Event", List.of(), List.of(w(350, 1), w(3500, 60)));

  /** The same limit for a caller whose largest call takes {@code units}. */
  public VendorLimit withLargestCall(double units) {
    return new VendorLimit(name, buckets, windows, units);
  }

  /** Logiwa's limit for the plan a deployment names in {@code LOGIWA_PLAN}. */
  public static VendorLimit logiwa(String plan) {
    return switch (plan.toUpperCase(Locale.ROOT)) {
      case "STANDARD" -> LOGIWA_STANDARD;
      case "ENTERPRISE" -> LOGIWA_ENTERPRISE;
      case "PREMIUM" -> LOGIWA_PREMIUM;
      default ->
          throw new IllegalArgumentException(
              "LOGIWA_PLAN is STANDARD, ENTERPRISE or PREMIUM, not " + plan);
    };
  }

  /** The rate the vendor allows for good: the tightest bucket or window. */
  public double sustainedPerSecond() {
    double rate = Double.POSITIVE_INFINITY;
    for (Bucket bucket : buckets) {
      rate = Math.min(rate, bucket.perSecond());
    }
    for (Window window : windows) {
      rate = Math.min(rate, window.count() / window.seconds());
    }
    return rate;
  }

  /**
   * What one of {@code instances} processes of a function holding {@code share} of this limit may
   * spend: {@link #MARGIN} of its part of the sustained rate, and the largest burst that keeps
   * every bucket and window when all of them spend their bursts at once.
   *
   * @throws IllegalArgumentException when the part is too small for even one call of {@link
   *     #largestCall}: fewer instances, or a larger share, must call this vendor
   */
  public Plan perInstance(double share, int instances) {
    if (share <= 0 || share > 1 || instances < 1) {
      throw new IllegalArgumentException(
          "a share in (0, 1] and at least one instance, not " + share + " over " + instances);
    }
    double part = share / instances;
    double rate = MARGIN * sustainedPerSecond() * part;
    double burst = Double.POSITIVE_INFINITY;
    for (Bucket bucket : buckets) {
      burst = Math.min(burst, Math.floor(bucket.burst() * part + 1e-9));
    }
    for (Window window : windows) {
      burst =
          Math.min(
              burst,
              Math.floor(window.count() * part + 1e-9)
                  - Math.floor(rate * window.seconds() + 1e-9));
    }
    if (burst < largestCall) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s cannot be shared by %d instance(s) holding %.3f of it: each would get a burst of"
                  + " %.0f, less than one call (%.0f)",
              name,
              instances,
              share,
              burst,
              largestCall));
    }
    return new Plan(rate, burst);
  }

  private static VendorLimit requests(String name, List<Bucket> buckets, List<Window> windows) {
    return new VendorLimit(name, buckets, windows, 1);
  }

  private static Bucket b(double perSecond, double burst) {
    return new Bucket(perSecond, burst);
  }

  private static Window w(double count, double seconds) {
    return new Window(count, seconds);
  }
}
