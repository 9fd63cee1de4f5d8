package com.storewire.dataflow.forecast.method;

import java.io.Serializable;

/** A way to forecast a daily demand series; each method is a pure function of the history. */
public interface ForecastMethod extends Serializable {

  /** The name the forecasts table and the benchmark report, e.g. {@code croston-sba}. */
  String name();

  /** The fewest days of history the method can forecast from. */
  int minimumHistoryDays();

  /**
   * Forecasts of daily units for the {@code horizon} days after the last day of {@code history}.
   * Never negative.
   */
  double[] forecast(double[] history, int horizon);
}
