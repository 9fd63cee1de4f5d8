package com.storewire.dataflow.forecast.method;

/**
 * Teunter–Syntetos–Babai (2011, Eur. J. Oper. Res. 214(3)): smooths the probability of a demand
 * every day, not only on demand days as Croston does, so the forecast decays while a SKU stops
 * selling; that is what makes it the method for items going obsolete. Forecast per day: {@code
 * probability * size}.
 *
 * <p>Initialisation as {@link CrostonSba}: the first non-zero demand is the first size and one over
 * its 1-based position the first probability; smoothing starts the day after.
 */
public final class Tsb extends IntermittentDemandMethod {

  private final double sizeAlpha;
  private final double probabilityBeta;

  public Tsb(double sizeAlpha, double probabilityBeta) {
    this.sizeAlpha = sizeAlpha;
    this.probabilityBeta = probabilityBeta;
  }

  @Override
  public String name() {
    return "tsb";
  }

  @Override
  double dailyRate(double[] history) {
    double size = 0;
    double probability = 0;
    boolean started = false;
    for (int day = 0; day < history.length; day++) {
      double demand = history[day];
      if (!started) {
        if (demand > 0) {
          size = demand;
          probability = 1.0 / (day + 1);
          started = true;
        }
      } else if (demand > 0) {
        probability += probabilityBeta * (1 - probability);
        size += sizeAlpha * (demand - size);
      } else {
        probability -= probabilityBeta * probability;
      }
    }
    return probability * size;
  }
}
