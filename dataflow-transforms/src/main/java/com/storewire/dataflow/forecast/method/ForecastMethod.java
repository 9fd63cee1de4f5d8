package com.storewire.dataflow.forecast.method;

import java.io.Serializable;

/** A way to forecast a daily demand series; each method is a pure function of the history. */
public interface ForecastMethod extends Serializable {

  /** The name the forecasts table and the benchmark report, e.g. {@code croston-sba}. */
  String name();

  /**
   * Whether the method is built for intermittent demand; such methods compete only on series whose
   * average interval between demands exceeds 1.32 days, the cut-off of Syntetos, Boylan &amp;
   * Croston (2005, J. Oper. Res. Soc. 56(5)). On smoother series Croston degenerates to exponential
   * smoothing, and SBA's correction then biases it low.
   */
  default boolean forIntermittentDemand() {
    return false;
  }

  /** The fewest days of history the method can forecast from. */
  int minimumHistoryDays();

  /**
   * Forecasts of daily units for the {@code horizon} days after the last day of {@code history}.
   * Never negative.
   */
  double[] forecast(double[] history, int horizon);
}
