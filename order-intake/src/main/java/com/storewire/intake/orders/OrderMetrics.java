package com.storewire.intake.orders;

import com.storewire.events.ReleaseReason;
import com.storewire.events.SkuQuantity;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The order counters a dashboard charts: names are storewire.orders.* and storewire.stock.*. */
final class OrderMetrics {

  private final MeterRegistry meters;

  OrderMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void placed(NewOrder order, Placement placement) {
    meters
        .counter(
            "storewire.orders", "channel", order.channel(), "status", placement.status().name())
        .increment();
    switch (placement.status()) {
      case PLACED ->
          meters
              .counter("storewire.stock.reserved_units", "channel", order.channel())
              .increment(order.lines().stream().mapToInt(l -> l.getQuantity()).sum());
      case OVERSOLD ->
          meters
              .counter("storewire.stock.oversold_units", "channel", order.channel())
              .increment(OrderService.oversoldUnits(placement.shortfalls()));
      default -> {}
    }
  }

  void conflict() {
    meters.counter("storewire.stock.reservation_conflicts").increment();
  }

  void released(ReleaseReason reason, List<SkuQuantity> units) {
    meters
        .counter("storewire.stock.released_units", "reason", reason.name())
        .increment(units.stream().mapToInt(SkuQuantity::getQuantity).sum());
  }
}
