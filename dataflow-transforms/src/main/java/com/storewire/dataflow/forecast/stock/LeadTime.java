package com.storewire.dataflow.forecast.stock;

import java.io.Serializable;

/** A supplier's replenishment lead time in days: its mean and standard deviation. */
public record LeadTime(double meanDays, double stdDevDays) implements Serializable {

  public LeadTime {
    if (meanDays <= 0 || stdDevDays < 0) {
      throw new IllegalArgumentException("lead time needs mean > 0 and stddev >= 0");
    }
  }
}
