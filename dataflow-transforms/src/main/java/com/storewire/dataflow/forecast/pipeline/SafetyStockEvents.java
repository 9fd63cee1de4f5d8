package com.storewire.dataflow.forecast.pipeline;

import com.storewire.dataflow.forecast.stock.LeadTime;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.codec.EventJson;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A SKU's safety stock as a SafetyStockUpdated event, encoded as canonical JSON. The id is derived
 * from the SKU and the history window, so rerunning a day's forecast makes the same ids and
 * consumers drop the repeats.
 *
 * <p>{@code previous_safety_stock} is 0: this batch reads history, not its own earlier runs; the
 * consumer holds the current value and reads only {@code safety_stock}.
 */
final class SafetyStockEvents implements Serializable {

  static final String SOURCE = "//storewire/dataflow-transforms/forecast-safety-stock";

  private final LeadTime leadTime;
  private final Instant generatedAt;

  SafetyStockEvents(LeadTime leadTime, Instant generatedAt) {
    this.leadTime = leadTime;
    this.generatedAt = generatedAt;
  }

  String encode(SkuSafetyStock plan) {
    return EventJson.encodeToString(build(plan));
  }

  Event build(SkuSafetyStock plan) {
    Instant windowStart = startOf(plan.windowStartDay());
    Instant windowEnd = startOf(plan.windowEndDay());
    SafetyStockUpdated payload =
        SafetyStockUpdated.newBuilder()
            .setSku(plan.sku())
            .setSafetyStock(plan.safetyStock())
            .setPreviousSafetyStock(0)
            .setMeanDailyDemand(plan.meanDailyDemand())
            .setStddevDailyDemand(plan.dailyDemandStdDev())
            .setLeadTimeDays((int) Math.round(leadTime.meanDays()))
            .setServiceLevel(plan.serviceLevel())
            .setWindowStart(windowStart)
            .setWindowEnd(windowEnd)
            .build();
    return EventBuilder.of(payload)
        .id(eventId(plan.sku(), windowStart, windowEnd))
        .source(SOURCE)
        .time(generatedAt)
        .build();
  }

  static String eventId(String sku, Instant windowStart, Instant windowEnd) {
    String identity = "safety-stock|" + sku + "|" + windowStart + "|" + windowEnd;
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static Instant startOf(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
