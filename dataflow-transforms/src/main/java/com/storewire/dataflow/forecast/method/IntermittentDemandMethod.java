package com.storewire.dataflow.forecast.method;

import java.util.Arrays;

/**
 * A method for intermittent demand: it forecasts one demand rate per day, flat over the horizon (a
 * rate, not a pattern: when the next sale comes is not forecastable), and needs a single day of
 * history.
 */
abstract class IntermittentDemandMethod implements ForecastMethod {

  @Override
  public final boolean forIntermittentDemand() {
    return true;
  }

  @Override
  public final int minimumHistoryDays() {
    return 1;
  }

  @Override
  public final double[] forecast(double[] history, int horizon) {
    double[] forecast = new double[horizon];
    Arrays.fill(forecast, dailyRate(history));
    return forecast;
  }

  /** Expected units a day after the history. */
  abstract double dailyRate(double[] history);
}
