package com.storewire.dataflow.forecast.method;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The chosen method's forecast for one series, with its 80 % prediction interval per day.
 *
 * @param backtestMase the method's backtest MASE; NaN for a new SKU with too little history
 * @param errorStdDev the root mean square of the method's daily forecast errors in the backtest
 *     (for a new SKU, of its daily demand): the σ_D of the safety stock
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
