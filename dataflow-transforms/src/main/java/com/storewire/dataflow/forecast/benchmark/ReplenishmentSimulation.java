package com.storewire.dataflow.forecast.benchmark;

import com.storewire.dataflow.forecast.stock.LeadTime;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Continuous review with a reorder point and backorders, the policy the reorder point is computed
 * for. Each day's demand arrives one unit at a time, spread evenly over the day; the moment stock
 * on hand plus on order minus backorders falls to the reorder point, an order brings it up to
 * reorder point plus the order quantity. The order arrives after a lead time drawn from a normal
 * with the supplier's mean and spread, at least half a day.
 *
 * <p>A replenishment cycle runs from one delivery to the next; it stocked out if a unit went
 * unserved in it. The cycle service level is the share of cycles that did not. Cycles that start in
 * the first {@value #WARM_UP_DAYS} days, while the first orders settle, are not counted, nor is the
 * last one, which the simulation cuts short.
 */
final class ReplenishmentSimulation {

  static final int WARM_UP_DAYS = 28;

  /**
   * @param cycles replenishment cycles counted
   * @param stockedOutCycles cycles with unserved demand
   * @param averageStock mean units on hand at the end of a day, after the warm-up
   */
  record Outcome(int cycles, int stockedOutCycles, double averageStock) {}

  private final LeadTime leadTime;

  ReplenishmentSimulation(LeadTime leadTime) {
    this.leadTime = leadTime;
  }

  Outcome run(double[] demand, long reorderPoint, long orderQuantity, SplittableRandom random) {
    Stock stock = new Stock(reorderPoint + orderQuantity);
    double stockDays = 0;
    for (int day = 0; day < demand.length; day++) {
      int units = (int) demand[day];
      for (int unit = 0; unit < units; unit++) {
        double time = day + (unit + 0.5) / units;
        stock.receiveUntil(time);
        stock.sellOne();
        long position = stock.position();
        if (position <= reorderPoint) {
          stock.order(time + leadTimeDays(random), reorderPoint + orderQuantity - position);
        }
      }
      stock.receiveUntil(day + 1);
      if (day >= WARM_UP_DAYS) {
        stockDays += Math.max(0, stock.net);
      }
    }
    return new Outcome(
        stock.cycles, stock.stockedOutCycles, stockDays / (demand.length - WARM_UP_DAYS));
  }

  private double leadTimeDays(SplittableRandom random) {
    return Math.max(
        0.5, leadTime.meanDays() + leadTime.stdDevDays() * SyntheticDemand.gaussian(random));
  }

  private record Order(double arrivalTime, long quantity) {}

  /** Stock on hand less backorders, the orders on their way, and the cycle under way. */
  private static final class Stock {
    long net;
    long onOrder;
    final PriorityQueue<Order> open =
        new PriorityQueue<>(Comparator.comparingDouble(Order::arrivalTime));
    double cycleStart;
    boolean cycleStockedOut;
    int cycles;
    int stockedOutCycles;

    Stock(long initial) {
      net = initial;
    }

    long position() {
      return net + onOrder;
    }

    void sellOne() {
      net--;
      cycleStockedOut |= net < 0;
    }

    void order(double arrivalTime, long quantity) {
      open.add(new Order(arrivalTime, quantity));
      onOrder += quantity;
    }

    void receiveUntil(double time) {
      while (!open.isEmpty() && open.peek().arrivalTime() <= time) {
        Order delivery = open.poll();
        net += delivery.quantity();
        onOrder -= delivery.quantity();
        if (cycleStart >= WARM_UP_DAYS) {
          cycles++;
          stockedOutCycles += cycleStockedOut ? 1 : 0;
        }
        cycleStart = delivery.arrivalTime();
        cycleStockedOut = net < 0;
      }
    }
  }
}
