package com.storewire.dataflow.forecast.method;

/**
 * Croston's method with the Syntetos–Boylan Approximation: smooths the sizes of non-zero demands
 * and the intervals between them separately and forecasts {@code (1 - alpha/2) * size / interval}
 * per day. Plain Croston overstates demand by about {@code alpha/2}; SBA's factor removes that bias
 * (Syntetos &amp; Boylan, 2005, Int. J. Forecasting 21(2)).
 *
 * <p>Initialisation: the first non-zero demand is the first size and its 1-based position the first
 * interval; smoothing starts with the next non-zero demand. A series without demand forecasts zero.
 */
public final class CrostonSba extends IntermittentDemandMethod {

  private final double alpha;

  public CrostonSba(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "croston-sba";
  }

  @Override
  double dailyRate(double[] history) {
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
    return interval == 0 ? 0 : (1 - alpha / 2) * size / interval;
  }
}
