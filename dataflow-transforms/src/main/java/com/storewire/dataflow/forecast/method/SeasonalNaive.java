package com.storewire.dataflow.forecast.method;

/**
 * Each day sells what the same weekday sold last week. The baseline every other method must beat,
 * and the scale of MASE.
 */
public final class SeasonalNaive implements ForecastMethod {

  public static final int WEEK = 7;

  @Override
  public String name() {
    return "seasonal-naive";
  }

  @Override
  public int minimumHistoryDays() {
    return WEEK;
  }

  @Override
  public double[] forecast(double[] history, int horizon) {
    int n = history.length;
    double[] forecast = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      forecast[h] = history[n - WEEK + h % WEEK];
    }
    return forecast;
  }
}
