package com.storewire.dataflow.forecast.method;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Forecasts one SKU's daily demand on one channel with whichever method backtests best on it.
 *
 * <p>Candidates, in the order that breaks ties (simplest first): weekly seasonal naive, Croston-SBA
 * and TSB for intermittent demand (only where demand is intermittent, see {@link
 * ForecastMethod#forIntermittentDemand()}), and damped additive Holt–Winters for fast movers with a
 * weekly pattern. Each is scored by {@link RollingOriginBacktest}; the lowest MASE wins. The
 * prediction interval is the winner's own backtest errors' 10th and 90th percentiles added to its
 * forecast, so it is as wide, and as skewed, as the method has actually been wrong on this series.
 *
 * <p>A SKU with less history than one backtest needs ({@value
 * RollingOriginBacktest#MIN_TRAINING_DAYS} + {@value RollingOriginBacktest#HORIZON} days) gets
 * {@link HistoryMean}, with σ_D from its daily demand, floored at the Poisson √mean because a few
 * days of counts understate their spread, and a normal interval.
 */
public final class DemandForecaster implements Serializable {

  static final double LOWER_QUANTILE = 0.10;
  static final double UPPER_QUANTILE = 0.90;
  static final double INTERMITTENT_DEMAND_INTERVAL = 1.32;

  private final List<ForecastMethod> candidates;
  private final RollingOriginBacktest backtest = new RollingOriginBacktest();

  public DemandForecaster(List<ForecastMethod> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  /** The four methods with smoothing constants from the intermittent-demand literature's ranges. */
  public static DemandForecaster standard() {
    return new DemandForecaster(
        List.of(
            new SeasonalNaive(),
            new CrostonSba(0.1),
            new Tsb(0.1, 0.05),
            new HoltWinters(0.1, 0.01, 0.1, 0.9)));
  }

  public SeriesForecast forecast(double[] history, int horizon) {
    if (!RollingOriginBacktest.canBacktest(history.length)) {
      return forecastNewSku(history, horizon);
    }
    boolean intermittent = averageDemandInterval(history) > INTERMITTENT_DEMAND_INTERVAL;
    RollingOriginBacktest.Score best =
        candidates.stream()
            .filter(method -> history.length >= method.minimumHistoryDays())
            .filter(method -> intermittent || !method.forIntermittentDemand())
            .map(method -> backtest.score(method, history))
            .min(Comparator.comparingDouble(RollingOriginBacktest.Score::mase))
            .orElseThrow();
    double[] units = best.method().forecast(history, horizon);
    Percentile percentile = new Percentile();
    percentile.setData(best.errors());
    double lowerError = percentile.evaluate(LOWER_QUANTILE * 100);
    double upperError = percentile.evaluate(UPPER_QUANTILE * 100);
    return new SeriesForecast(
        best.method().name(),
        units,
        Arrays.stream(units).map(u -> Math.max(0, u + lowerError)).toArray(),
        Arrays.stream(units).map(u -> Math.max(0, u + upperError)).toArray(),
        best.mase(),
        dailyStdDevOfWeeklyErrors(best.errors()));
  }

  /**
   * σ_D from the backtest: the root mean square of each origin's error summed over its week,
   * divided by √7. Errors that persist across days, as a misjudged level does, add up over a lead
   * time; the spread of single days' errors would miss that and understate the lead-time risk.
   */
  static double dailyStdDevOfWeeklyErrors(double[] errors) {
    int horizon = RollingOriginBacktest.HORIZON;
    double squares = 0;
    for (int origin = 0; origin < errors.length / horizon; origin++) {
      double sum = 0;
      for (int h = 0; h < horizon; h++) {
        sum += errors[origin * horizon + h];
      }
      squares += sum * sum;
    }
    return Math.sqrt(squares / errors.length);
  }

  /** Days per day with demand (ADI); infinite for a series without any. */
  static double averageDemandInterval(double[] history) {
    long demandDays = Arrays.stream(history).filter(units -> units > 0).count();
    return demandDays == 0 ? Double.POSITIVE_INFINITY : (double) history.length / demandDays;
  }

  private static SeriesForecast forecastNewSku(double[] history, int horizon) {
    ForecastMethod method = new HistoryMean();
    double[] units = method.forecast(history, horizon);
    double mean = units.length > 0 ? units[0] : 0;
    double variance =
        history.length < 2
            ? 0
            : Arrays.stream(history).map(d -> (d - mean) * (d - mean)).sum() / (history.length - 1);
    double stdDev = Math.max(Math.sqrt(variance), Math.sqrt(mean));
    double z = new NormalDistribution().inverseCumulativeProbability(UPPER_QUANTILE);
    return new SeriesForecast(
        method.name(),
        units,
        Arrays.stream(units).map(u -> Math.max(0, u - z * stdDev)).toArray(),
        Arrays.stream(units).map(u -> u + z * stdDev).toArray(),
        Double.NaN,
        stdDev);
  }
}
