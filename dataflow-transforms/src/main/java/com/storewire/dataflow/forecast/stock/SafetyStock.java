package com.storewire.dataflow.forecast.stock;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Safety stock and reorder point under uncertain demand and lead time (Chopra &amp; Meindl, Supply
 * Chain Management, "Managing uncertainty in a supply chain: safety inventory"):
 *
 * <pre>
 * σ_LT = √(E[L]·σ_D² + E[D]²·σ_L²)      spread of demand over the lead time
 * SS   = z · σ_LT,  z = Φ⁻¹(cycle service level)
 * ROP  = E[D]·E[L] + SS
 * </pre>
 *
 * Days are the unit of time throughout. σ_D is the caller's choice; the pipeline passes the
 * forecast's error, not the spread of raw demand, because stock has to cover what the forecast
 * misses, and a weekly pattern or trend the forecast already predicts is not a risk.
 *
 * @param units the safety stock, fractional
 * @param reorderPoint the reorder point, fractional
 */
public record SafetyStock(double units, double reorderPoint) {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

  public static SafetyStock of(
      double meanDailyDemand,
      double dailyDemandStdDev,
      LeadTime leadTime,
      double cycleServiceLevel) {
    if (cycleServiceLevel <= 0 || cycleServiceLevel >= 1) {
      throw new IllegalArgumentException("service level must lie in (0, 1): " + cycleServiceLevel);
    }
    double leadTimeDemandVariance =
        leadTime.meanDays() * dailyDemandStdDev * dailyDemandStdDev
            + meanDailyDemand * meanDailyDemand * leadTime.stdDevDays() * leadTime.stdDevDays();
    double z = STANDARD_NORMAL.inverseCumulativeProbability(cycleServiceLevel);
    double units = Math.max(0, z * Math.sqrt(leadTimeDemandVariance));
    return new SafetyStock(units, meanDailyDemand * leadTime.meanDays() + units);
  }

  /** Whole units to hold: rounded up, since a fraction short is a unit short. */
  public int wholeUnits() {
    return (int) Math.ceil(units - 1e-9);
  }

  /** The reorder point in whole units, rounded up for the same reason. */
  public int wholeReorderPoint() {
    return (int) Math.ceil(reorderPoint - 1e-9);
  }
}
