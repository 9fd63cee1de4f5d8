package com.storewire.dataflow.forecast.method;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Scores a method by forecasting the history's last weeks from rolling origins: from each of up to
 * {@value #MAX_ORIGINS} origins a week apart (half a year, so rare events such as promotions show
 * in the errors that size the safety stock), the method sees only the days before the origin and
 * forecasts the {@value #HORIZON} days after it. The score is MASE (Hyndman &amp; Koehler, 2006):
 * the mean absolute error divided by the in-sample mean absolute error of the weekly seasonal naive
 * forecast over the days before the first origin, so below 1 means better than last week's sales.
 */
public final class RollingOriginBacktest implements Serializable {

  public static final int HORIZON = 7;
  public static final int MAX_ORIGINS = 26;
  public static final int MIN_TRAINING_DAYS = 28;

  /** A method's backtest: its MASE and every error (actual minus forecast) it made. */
  public record Score(ForecastMethod method, double mase, double[] errors) {}

  public static boolean canBacktest(int historyDays) {
    return historyDays >= MIN_TRAINING_DAYS + HORIZON;
  }

  public Score score(ForecastMethod method, double[] history) {
    int n = history.length;
    if (!canBacktest(n)) {
      throw new IllegalArgumentException("needs " + (MIN_TRAINING_DAYS + HORIZON) + " days");
    }
    int origins = Math.min(MAX_ORIGINS, (n - HORIZON - MIN_TRAINING_DAYS) / HORIZON + 1);
    int firstOrigin = n - HORIZON * origins;
    double[] errors = new double[origins * HORIZON];
    double absoluteErrorSum = 0;
    for (int k = 0; k < origins; k++) {
      int origin = firstOrigin + k * HORIZON;
      double[] training = Arrays.copyOf(history, origin);
      double[] forecast = method.forecast(training, HORIZON);
      for (int h = 0; h < HORIZON; h++) {
        double error = history[origin + h] - forecast[h];
        errors[k * HORIZON + h] = error;
        absoluteErrorSum += Math.abs(error);
      }
    }
    double mase = absoluteErrorSum / errors.length / scale(history, firstOrigin);
    return new Score(method, mase, errors);
  }

  /**
   * The in-sample seasonal naive MAE over {@code history[0, end)}. A series that repeats exactly
   * week on week has none; it falls back to the mean absolute demand and, for a series of zeros, to
   * one unit, so that MASE stays finite and still ranks methods by their errors.
   */
  public static double scale(double[] history, int end) {
    double naiveError = 0;
    double demand = 0;
    for (int day = 0; day < end; day++) {
      demand += Math.abs(history[day]);
      if (day >= SeasonalNaive.WEEK) {
        naiveError += Math.abs(history[day] - history[day - SeasonalNaive.WEEK]);
      }
    }
    if (naiveError > 0) {
      return naiveError / (end - SeasonalNaive.WEEK);
    }
    return demand > 0 ? demand / end : 1;
  }
}
