package com.storewire.dataflow.forecast.benchmark;

import java.util.SplittableRandom;

/**
 * A seeded catalogue whose demand has known properties, for the forecast benchmark. Each SKU's
 * demand is drawn from its own generator, seeded from the run's seed and the SKU's index, so a SKU
 * sells the same whatever the number of threads.
 *
 * <ul>
 *   <li>Fast movers (one in ten): Poisson around 8–40 units a day, a weekly pattern with busy
 *       weekends, and promotions (3–5 days at twice the rate, about every two months) that no
 *       forecast can see coming.
 *   <li>Slow and intermittent movers (the rest): a sale on 10–50 % of days of 1 unit plus a
 *       Poisson(0.5) extra, so a few units a week.
 *   <li>New SKUs (one in five hundred, at least one): three weeks of history at about 3 a day.
 * </ul>
 */
final class SyntheticDemand {

  enum Pattern {
    FAST,
    INTERMITTENT,
    NEW
  }

  /**
   * A SKU's history and the demand that follows it, which the replenishment simulation serves.
   *
   * @param history daily units up to the forecast origin
   * @param future daily units after it
   */
  record Sku(String id, Pattern pattern, double unitPrice, double[] history, double[] future) {}

  static final int NEW_SKU_HISTORY_DAYS = 21;

  private static final double[] WEEKDAY_FACTORS = {0.85, 0.9, 0.9, 0.95, 1.1, 1.2, 1.1};
  private static final double PROMOTION_FACTOR = 2.0;

  private final long seed;
  private final int historyDays;
  private final int futureDays;

  SyntheticDemand(long seed, int historyDays, int futureDays) {
    this.seed = seed;
    this.historyDays = historyDays;
    this.futureDays = futureDays;
  }

  Sku sku(int index, int catalogueSize) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    int newSkus = Math.max(1, catalogueSize / 500);
    Pattern pattern =
        index < newSkus ? Pattern.NEW : index % 10 == 0 ? Pattern.FAST : Pattern.INTERMITTENT;
    int pastDays = pattern == Pattern.NEW ? NEW_SKU_HISTORY_DAYS : historyDays;
    double[] demand =
        switch (pattern) {
          case FAST -> fastMover(random, pastDays + futureDays);
          case INTERMITTENT -> intermittent(random, pastDays + futureDays);
          case NEW -> poissonDays(random, pastDays + futureDays, 3);
        };
    double unitPrice =
        pattern == Pattern.FAST ? random.nextDouble(5, 30) : random.nextDouble(10, 80);
    double[] history = new double[pastDays];
    double[] future = new double[futureDays];
    System.arraycopy(demand, 0, history, 0, pastDays);
    System.arraycopy(demand, pastDays, future, 0, futureDays);
    return new Sku(String.format("SKU-%05d", index), pattern, unitPrice, history, future);
  }

  private static double[] fastMover(SplittableRandom random, int days) {
    double level = random.nextDouble(8, 40);
    int weekdayOffset = random.nextInt(7);
    double[] demand = new double[days];
    int promotionEnd = -1;
    for (int day = 0; day < days; day++) {
      if (day > promotionEnd && random.nextDouble() < 1.0 / 60) {
        promotionEnd = day + 2 + random.nextInt(3);
      }
      double rate = level * WEEKDAY_FACTORS[(day + weekdayOffset) % 7];
      demand[day] = poisson(random, day <= promotionEnd ? rate * PROMOTION_FACTOR : rate);
    }
    return demand;
  }

  private static double[] intermittent(SplittableRandom random, int days) {
    double saleProbability = random.nextDouble(0.1, 0.5);
    double[] demand = new double[days];
    for (int day = 0; day < days; day++) {
      if (random.nextDouble() < saleProbability) {
        demand[day] = 1 + poisson(random, 0.5);
      }
    }
    return demand;
  }

  private static double[] poissonDays(SplittableRandom random, int days, double rate) {
    double[] demand = new double[days];
    for (int day = 0; day < days; day++) {
      demand[day] = poisson(random, rate);
    }
    return demand;
  }

  /**
   * Knuth's multiplication method up to a mean of 30; beyond it the normal approximation, whose
   * error there is far below the noise the benchmark is about.
   */
  static double poisson(SplittableRandom random, double mean) {
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** A standard normal draw (Box–Muller). */
  static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
