package com.storewire.dataflow.forecast.method;

import java.util.Arrays;

/**
 * Croston's method with the Syntetos–Boylan Approximation: smooths the sizes of non-zero demands
 * and the intervals between them separately and forecasts {@code (1 - alpha/2) * size / interval}
 * per day. Plain Croston overstates demand by about {@code alpha/2}; SBA's factor removes that bias
 * (Syntetos &amp; Boylan, 2005, Int. J. Forecasting 21(2)).
 *
 * <p>Initialisation: the first non-zero demand is the first size and its 1-based position the first
 * interval; smoothing starts with the next non-zero demand. A series without demand forecasts zero.
 */
public final class CrostonSba implements ForecastMethod {

  private final double alpha;

  public CrostonSba(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "croston-sba";
  }

  @Override
  public boolean forIntermittentDemand() {
    return true;
  }

  @Override
  public int minimumHistoryDays() {
    return 1;
  }

  @Override
  public double[] forecast(double[] history, int horizon) {
    double size = 0;
    double interval = 0;
    int sinceLastDemand = 0;
    for (double demand : history) {
      sinceLastDemand++;
      if (demand > 0) {
        if (interval == 0) {
          size = demand;
          interval = sinceLastDemand;
        } else {
          size += alpha * (demand - size);
          interval += alpha * (sinceLastDemand - interval);
        }
        sinceLastDemand = 0;
      }
    }
    double perDay = interval == 0 ? 0 : (1 - alpha / 2) * size / interval;
    double[] forecast = new double[horizon];
    Arrays.fill(forecast, perDay);
    return forecast;
  }
}
