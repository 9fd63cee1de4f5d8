package com.storewire.dataflow.forecast.method;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The chosen method's forecast for one series, with its 80 % prediction interval per day.
 *
 * @param backtestMase the method's backtest MASE; NaN for a new SKU with too little history
 * @param errorStdDev σ_D of the safety stock: the method's backtest errors summed over each week,
 *     as a spread per day (for a new SKU, the spread of its daily demand)
 */
public record SeriesForecast(
    String method,
    double[] units,
    double[] lowerUnits,
    double[] upperUnits,
    double backtestMase,
    double errorStdDev)
    implements Serializable {

  /** The mean forecast per day over the horizon: the E[D] of the safety stock. */
  public double meanDailyUnits() {
    return Arrays.stream(units).average().orElse(0);
  }
}
