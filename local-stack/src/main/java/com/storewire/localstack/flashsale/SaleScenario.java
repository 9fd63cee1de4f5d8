package com.storewire.localstack.flashsale;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A flash sale: its catalog (every SKU's stock in the WMS, a few hot ones), its buyers (a base
 * order rate, and a peak of {@code peakFactor} times it on the hot SKUs in the middle of the sale),
 * and the polling integration it is compared with. Time is compressed by {@code compression} for
 * both sides alike: one second of the run stands for {@code compression} seconds of a real sale.
 */
public record SaleScenario(
    Duration duration,
    double baseOrdersPerSecond,
    double peakFactor,
    int skus,
    int hotSkus,
    int hotStock,
    int stock,
    long seed,
    boolean faults,
    int compression,
    Duration baselinePollEvery) {

  /** The channels besides the storefront, each selling against its own copy of stock. */
  public static final List<String> MARKETPLACES =
      List.of("shopify", "amazon", "ebay", "woocommerce");

  /** Every sales channel; the storefront reads the source of truth through order-intake. */
  public static final List<String> CHANNELS =
      List.of("storefront", "shopify", "amazon", "ebay", "woocommerce");

  /** The peak runs from 30 % to 70 % of the sale. */
  static final double PEAK_FROM = 0.3;

  static final double PEAK_UNTIL = 0.7;

  public SaleScenario {
    if (hotSkus > skus || skus < 1 || hotSkus < 1) {
      throw new IllegalArgumentException("need 1 ≤ hot SKUs ≤ SKUs, got " + hotSkus + "/" + skus);
    }
    if (compression < 1 || baseOrdersPerSecond <= 0 || peakFactor < 1) {
      throw new IllegalArgumentException("compression ≥ 1, base rate > 0 and peak factor ≥ 1");
    }
  }

  public List<String> skuIds() {
    return IntStream.rangeClosed(1, skus).mapToObj(i -> String.format("FS-%04d", i)).toList();
  }

  public boolean isHot(String sku) {
    return Integer.parseInt(sku.substring(3)) <= hotSkus;
  }

  public int stockOf(String sku) {
    return isHot(sku) ? hotStock : stock;
  }

  /**
   * Storewire ring-fences each marketplace's units of a hot SKU, a lot at a time (see
   * order-intake's ChannelAllocation): a marketplace's copy can then sell only its own lot,
   * whatever it lags by, and gets the next lot once it sold this one out. A lot covers about what
   * the channel sells in the time its next lot takes to reach it; Amazon's, bound by its limits,
   * takes longest.
   */
  public Map<String, Integer> hotSkuLots() {
    Map<String, Integer> lots = new LinkedHashMap<>();
    MARKETPLACES.forEach(m -> lots.put(m, m.equals("amazon") ? 6 : 3));
    return lots;
  }

  /**
   * The polling job's way: units each marketplace holds back on a hot SKU: its copy lags the source
   * of truth by up to a second (Amazon's, bound by its limits, by more), while the peak takes a hot
   * SKU's units at several a second; so a hot SKU's last units are left to the storefront, which
   * reads the truth. A 15-minute job cannot count lots down, so it holds back buffers instead.
   */
  public Map<String, Integer> hotSkuBuffers() {
    Map<String, Integer> buffers = new LinkedHashMap<>();
    MARKETPLACES.forEach(m -> buffers.put(m, m.equals("amazon") ? 20 : 10));
    return buffers;
  }

  /** How often the baseline's scheduled job runs in run time (its real interval ÷ compression). */
  public Duration baselinePollInRunTime() {
    return baselinePollEvery.dividedBy(compression);
  }
}
