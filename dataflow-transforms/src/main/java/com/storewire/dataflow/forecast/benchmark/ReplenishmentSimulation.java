package com.storewire.dataflow.forecast.benchmark;

import com.storewire.dataflow.forecast.stock.LeadTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Continuous review with a reorder point, day by day, with backorders: at the end of each day,
 * after that day's demand, if stock on hand plus on order minus backorders is at or below the
 * reorder point, an order brings it up to reorder point plus the order quantity. The order arrives
 * at the end of a lead time drawn from a normal with the supplier's mean and spread, rounded to
 * whole days and at least one.
 *
 * <p>A replenishment cycle is one order's lead time; it stocked out if demand went unserved on any
 * of its days. The cycle service level is the share of cycles that did not. The first {@value
 * #WARM_UP_DAYS} days settle the pipeline of orders and are not counted.
 */
final class ReplenishmentSimulation {

  static final int WARM_UP_DAYS = 28;

  /**
   * @param cycles replenishment cycles counted
   * @param stockedOutCycles cycles with unserved demand
   * @param averageStock mean units on hand at the end of a day
   */
  record Outcome(int cycles, int stockedOutCycles, double averageStock) {}

  /** An open order; {@code counted} when its whole cycle lies after the warm-up. */
  private static final class Order {
    final int arrivalDay;
    final long quantity;
    final boolean counted;
    boolean stockedOut;

    Order(int arrivalDay, long quantity, boolean counted) {
      this.arrivalDay = arrivalDay;
      this.quantity = quantity;
      this.counted = counted;
    }
  }

  private final LeadTime leadTime;

  ReplenishmentSimulation(LeadTime leadTime) {
    this.leadTime = leadTime;
  }

  Outcome run(double[] demand, long reorderPoint, long orderQuantity, SplittableRandom random) {
    long netStock = reorderPoint + orderQuantity;
    List<Order> open = new ArrayList<>();
    int cycles = 0;
    int stockedOutCycles = 0;
    double stockDays = 0;
    for (int day = 0; day < demand.length; day++) {
      netStock -= (long) demand[day];
      if (netStock < 0) {
        open.forEach(order -> order.stockedOut = true);
      }
      for (int i = open.size() - 1; i >= 0; i--) {
        Order order = open.get(i);
        if (order.arrivalDay == day) {
          netStock += order.quantity;
          if (order.counted) {
            cycles++;
            stockedOutCycles += order.stockedOut ? 1 : 0;
          }
          open.remove(i);
        }
      }
      long position = netStock + open.stream().mapToLong(order -> order.quantity).sum();
      if (position <= reorderPoint) {
        int arrival = day + leadTimeDays(random);
        open.add(
            new Order(
                arrival,
                reorderPoint + orderQuantity - position,
                day >= WARM_UP_DAYS && arrival < demand.length));
      }
      if (day >= WARM_UP_DAYS) {
        stockDays += Math.max(0, netStock);
      }
    }
    return new Outcome(cycles, stockedOutCycles, stockDays / (demand.length - WARM_UP_DAYS));
  }

  private int leadTimeDays(SplittableRandom random) {
    long days =
        Math.round(leadTime.meanDays() + leadTime.stdDevDays() * SyntheticDemand.gaussian(random));
    return (int) Math.max(1, days);
  }
}
