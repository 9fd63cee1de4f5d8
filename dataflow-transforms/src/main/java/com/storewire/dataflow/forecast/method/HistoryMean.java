package com.storewire.dataflow.forecast.method;

import java.util.Arrays;

/**
 * The mean of every day on sale, flat across the horizon: the forecast for a new SKU with too
 * little history to backtest. A week or two of sales cannot tell a weekday pattern from noise, so a
 * seasonal method would repeat the noise, and Croston's interval estimate needs several demands;
 * the plain mean is the least-variance estimate of the level that such a history supports.
 */
public final class HistoryMean implements ForecastMethod {

  @Override
  public String name() {
    return "new-sku-mean";
  }

  @Override
  public int minimumHistoryDays() {
    return 1;
  }

  @Override
  public double[] forecast(double[] history, int horizon) {
    double[] forecast = new double[horizon];
    Arrays.fill(forecast, Arrays.stream(history).average().orElse(0));
    return forecast;
  }
}
