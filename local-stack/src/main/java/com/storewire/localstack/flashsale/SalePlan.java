package com.storewire.localstack.flashsale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Who buys what, where and when: Poisson arrivals at the base rate over the whole sale on any SKU
 * (half of them on the hot ones), plus, during the peak, arrivals on the hot SKUs that raise the
 * rate to {@code peakFactor} times the base. The same seed gives the same buyers, so Storewire and
 * the baseline face exactly the same sale.
 */
public final class SalePlan {

  /** One buyer's order: {@code atMillis} after the sale opened. */
  public record Purchase(int number, long atMillis, String channel, String sku, int quantity) {}

  /** How buyers split over the channels: storefront, Shopify, Amazon, eBay, WooCommerce. */
  private static final double[] CHANNEL_SHARE = {0.30, 0.25, 0.20, 0.15, 0.10};

  private SalePlan() {}

  public static List<Purchase> of(SaleScenario scenario) {
    Random random = new Random(scenario.seed());
    List<String> skus = scenario.skuIds();
    double seconds = scenario.duration().toMillis() / 1000.0;
    List<double[]> arrivals = new ArrayList<>(); // {second, hot only (1) or any (0)}
    for (double t = next(random, scenario.baseOrdersPerSecond());
        t < seconds;
        t += next(random, scenario.baseOrdersPerSecond())) {
      arrivals.add(new double[] {t, 0});
    }
    double peakRate = scenario.baseOrdersPerSecond() * (scenario.peakFactor() - 1);
    double peakEnd = seconds * SaleScenario.PEAK_UNTIL;
    if (peakRate > 0) {
      for (double t = seconds * SaleScenario.PEAK_FROM + next(random, peakRate);
          t < peakEnd;
          t += next(random, peakRate)) {
        arrivals.add(new double[] {t, 1});
      }
    }
    arrivals.sort(Comparator.comparingDouble(a -> a[0]));
    List<Purchase> plan = new ArrayList<>();
    for (double[] arrival : arrivals) {
      boolean hot = arrival[1] == 1 || random.nextBoolean() || skus.size() == scenario.hotSkus();
      String sku =
          hot
              ? skus.get(random.nextInt(scenario.hotSkus()))
              : skus.get(scenario.hotSkus() + random.nextInt(skus.size() - scenario.hotSkus()));
      plan.add(
          new Purchase(
              plan.size() + 1,
              Math.round(arrival[0] * 1000),
              channel(random),
              sku,
              quantity(random)));
    }
    return List.copyOf(plan);
  }

  private static double next(Random random, double perSecond) {
    return -Math.log(1 - random.nextDouble()) / perSecond;
  }

  private static String channel(Random random) {
    double draw = random.nextDouble();
    for (int i = 0; i < CHANNEL_SHARE.length; i++) {
      draw -= CHANNEL_SHARE[i];
      if (draw < 0) {
        return SaleScenario.CHANNELS.get(i);
      }
    }
    return SaleScenario.CHANNELS.get(CHANNEL_SHARE.length - 1);
  }

  /** Mostly one unit, sometimes two or three. */
  private static int quantity(Random random) {
    double draw = random.nextDouble();
    return draw < 0.75 ? 1 : draw < 0.95 ? 2 : 3;
  }
}
