package com.storewire.dataflow.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.dataflow.forecast.stock.LeadTime;
import com.storewire.dataflow.forecast.stock.ServiceLevelPolicy;
import com.storewire.events.Event;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.codec.EventJson;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/**
 * History in, events, forecast rows and failures out. Demand is constant, so every backtest error
 * is zero and the safety stock is z·E[D]·σ_L alone, which can be worked out by hand.
 */
public class PlanSafetyStockTest {

  private static final Instant GENERATED_AT = Instant.parse("2026-11-12T06:00:00Z");
  private static final LocalDate FIRST_DAY = LocalDate.parse("2026-10-01");
  private static final int DAYS = 42;
  private static final int HORIZON = 3;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void forecastsEverySkuAndSetsItsSafetyStockAcrossChannels() {
    List<String> lines = new ArrayList<>();
    lines.addAll(dailyLines("TEE-BLK-M", "shopify", 2, 10.0));
    lines.addAll(dailyLines("TEE-BLK-M", "amazon-us", 3, 10.0));
    lines.addAll(dailyLines("MUG-01", "storefront", 1, 1.0));

    PCollectionTuple plan = plan(lines);

    // TEE earns 2,100 of 2,142: class A, 98 %, z = 2.0537. E[D] = 2 + 3, σ_L = 2 days:
    // SS = 2.0537·5·2 = 20.54 -> 21; ROP = 5·7 + 20.54 = 55.54 -> 56.
    // MUG is C, 90 %, z = 1.2816: SS = 1.2816·1·2 = 2.56 -> 3; ROP = 7 + 2.56 -> 10.
    List<ForecastRow> expectedRows = new ArrayList<>();
    expectedRows.addAll(rows("TEE-BLK-M", "amazon-us", 3, 21, 56, 0.98, "A"));
    expectedRows.addAll(rows("TEE-BLK-M", "shopify", 2, 21, 56, 0.98, "A"));
    expectedRows.addAll(rows("MUG-01", "storefront", 1, 3, 10, 0.90, "C"));
    PAssert.that(plan.get(PlanSafetyStock.FORECAST_ROWS)).containsInAnyOrder(expectedRows);
    PAssert.that(plan.get(PlanSafetyStock.EVENTS))
        .satisfies(
            encoded -> {
              List<Event> events =
                  StreamSupport.stream(encoded.spliterator(), false)
                      .map(EventJson::decode)
                      .sorted(Comparator.comparing(Event::getSubject))
                      .toList();
              assertThat(events).hasSize(2);
              assertSafetyStockEvent(events.get(0), "MUG-01", 3, 1.0, 0.90);
              assertSafetyStockEvent(events.get(1), "TEE-BLK-M", 21, 5.0, 0.98);
              return null;
            });
    PAssert.that(plan.get(PlanSafetyStock.FAILURES)).empty();
    pipeline.run();
  }

  @Test
  public void sendsEveryUnreadableLineToFailuresWithTheReason() {
    List<String> lines = new ArrayList<>(dailyLines("TEE-BLK-M", "shopify", 2, 10.0));
    String notJson = "{\"sku\": \"TEE-BLK-M\", ";
    String negative =
        "{\"sku\":\"TEE-BLK-M\",\"channel\":\"shopify\",\"date\":\"2026-11-11\","
            + "\"units\":-1,\"unit_price\":10.0}";
    String badDate =
        "{\"sku\":\"TEE-BLK-M\",\"channel\":\"shopify\",\"date\":\"11/11/2026\","
            + "\"units\":1,\"unit_price\":10.0}";
    lines.add(notJson);
    lines.add(negative);
    lines.add(badDate);

    PCollectionTuple plan = plan(lines);

    PAssert.that(plan.get(PlanSafetyStock.FAILURES))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .extracting(FailedRecord::payload)
                  .containsExactlyInAnyOrder(notJson, negative, badDate);
              assertThat(failures)
                  .extracting(FailedRecord::errorMessage)
                  .anySatisfy(reason -> assertThat(reason).startsWith("not JSON"))
                  .anySatisfy(reason -> assertThat(reason).startsWith("units: must be a whole"))
                  .anySatisfy(reason -> assertThat(reason).startsWith("date: not YYYY-MM-DD"));
              return null;
            });
    // The good lines still plan: the only SKU is A, SS = 2.0537·2·2 = 8.2 -> 9.
    PAssert.that(plan.get(PlanSafetyStock.FORECAST_ROWS))
        .satisfies(
            rows -> {
              assertThat(rows).hasSize(HORIZON).allMatch(row -> row.safetyStock() == 9);
              return null;
            });
    pipeline.run();
  }

  private PCollectionTuple plan(List<String> lines) {
    return pipeline
        .apply(Create.of(lines))
        .apply(
            new PlanSafetyStock(
                ServiceLevelPolicy.standard(), new LeadTime(7, 2), HORIZON, GENERATED_AT));
  }

  private static List<String> dailyLines(String sku, String channel, int units, double price) {
    List<String> lines = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      lines.add(
          String.format(
              "{\"sku\":\"%s\",\"channel\":\"%s\",\"date\":\"%s\",\"units\":%d,\"unit_price\":%s}",
              sku, channel, FIRST_DAY.plusDays(day), units, price));
    }
    return lines;
  }

  private static List<ForecastRow> rows(
      String sku,
      String channel,
      double units,
      long safetyStock,
      long reorderPoint,
      double serviceLevel,
      String abcClass) {
    List<ForecastRow> rows = new ArrayList<>();
    for (int h = 0; h < HORIZON; h++) {
      rows.add(
          new ForecastRow(
              sku,
              channel,
              FIRST_DAY.plusDays(DAYS + h).toString(),
              "seasonal-naive",
              units,
              units,
              units,
              safetyStock,
              reorderPoint,
              serviceLevel,
              abcClass,
              0.0,
              GENERATED_AT.toString()));
    }
    return rows;
  }

  private static void assertSafetyStockEvent(
      Event event, String sku, int safetyStock, double meanDailyDemand, double serviceLevel) {
    Instant windowStart = Instant.parse("2026-10-01T00:00:00Z");
    Instant windowEnd = Instant.parse("2026-11-12T00:00:00Z");
    assertThat(event.getSource())
        .isEqualTo("//storewire/dataflow-transforms/forecast-safety-stock");
    assertThat(event.getId()).isEqualTo(SafetyStockEvents.eventId(sku, windowStart, windowEnd));
    assertThat(event.getTime()).isEqualTo(GENERATED_AT);
    SafetyStockUpdated data = (SafetyStockUpdated) event.getData();
    assertThat(data.getSku()).isEqualTo(sku);
    assertThat(data.getSafetyStock()).isEqualTo(safetyStock);
    assertThat(data.getMeanDailyDemand()).isEqualTo(meanDailyDemand);
    assertThat(data.getStddevDailyDemand()).isZero();
    assertThat(data.getLeadTimeDays()).isEqualTo(7);
    assertThat(data.getServiceLevel()).isEqualTo(serviceLevel);
    assertThat(data.getWindowStart()).isEqualTo(windowStart);
    assertThat(data.getWindowEnd()).isEqualTo(windowEnd);
  }
}
