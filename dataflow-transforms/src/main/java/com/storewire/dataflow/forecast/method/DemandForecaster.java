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
 * and TSB for intermittent demand, and damped additive Holt–Winters for fast movers with a weekly
 * pattern. Each is scored by {@link RollingOriginBacktest}; the lowest MASE wins. The prediction
 * interval is the winner's own backtest errors' 10th and 90th percentiles added to its forecast, so
 * it is as wide, and as skewed, as the method has actually been wrong on this series.
 *
 * <p>A SKU with less history than one backtest needs ({@value
 * RollingOriginBacktest#MIN_TRAINING_DAYS} + {@value RollingOriginBacktest#HORIZON} days) gets
 * {@link HistoryMean}, with σ_D from its daily demand, floored at the Poisson √mean because a few
 * days of counts understate their spread, and a normal interval.
 */
public final class DemandForecaster implements Serializable {

  static final double LOWER_QUANTILE = 0.10;
  static final double UPPER_QUANTILE = 0.90;

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
    RollingOriginBacktest.Score best =
        candidates.stream()
            .filter(method -> history.length >= method.minimumHistoryDays())
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
        Math.sqrt(Arrays.stream(best.errors()).map(e -> e * e).average().orElse(0)));
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
