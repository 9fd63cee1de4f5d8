package com.storewire.localstack.flashsale;

import com.storewire.localstack.Latencies;
import com.storewire.localstack.TextTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's figures for both sides, the ratios between them, and the terminal table. Its JSON
 * shape: {@code scenario}, {@code storewire} and {@code baseline} (each with {@code
 * channels.<name>}), {@code ratios} and {@code targets}.
 */
final class SaleReport {

  /** Channels whose documented limits cannot carry a change in under 2 s, and that limit. */
  static final Map<String, String> VENDOR_BOUND =
      Map.of(
          "amazon",
          "Listings Items patchListingsItem 5 req/s (burst 10); JSON_LISTINGS_FEED 5 feeds per 5"
              + " min, processed asynchronously");

  static final double LAG_TARGET_MS = 2000;

  private SaleReport() {}

  /** Orders and units a channel took, as the buyers saw them. */
  static Map<String, Object> channelFigures(SaleLedger ledger, String channel) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("orders_accepted", ledger.accepted(channel));
    figures.put("orders_turned_away", ledger.turnedAway(channel));
    figures.put("orders_failed", ledger.failed(channel));
    figures.put("units_sold", ledger.unitsSold(channel));
    return figures;
  }

  /** Lag grid for the distribution: 1-2-5 steps from 10 ms to 20 min. */
  private static final long[] CDF_GRID_MS = grid();

  private static long[] grid() {
    List<Long> steps = new java.util.ArrayList<>();
    for (long decade = 10; decade <= 1_000_000; decade *= 10) {
      steps.add(decade);
      steps.add(decade * 2);
      steps.add(decade * 5);
    }
    return steps.stream().mapToLong(Long::longValue).filter(ms -> ms <= 1_200_000).toArray();
  }

  /** The share of changes that landed within each step of the grid: the lag distribution. */
  static Map<String, Object> cdf(Latencies lag) {
    long[] sorted = lag.sortedMillis();
    List<Double> shares = new java.util.ArrayList<>();
    int within = 0;
    for (long step : CDF_GRID_MS) {
      while (within < sorted.length && sorted[within] <= step) {
        within++;
      }
      shares.add(sorted.length == 0 ? 0 : round((double) within / sorted.length));
    }
    Map<String, Object> cdf = new LinkedHashMap<>();
    cdf.put("ms", CDF_GRID_MS);
    cdf.put("share_within", shares);
    return cdf;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The whole report: both sides' results with their ledgers' totals, ratios and targets. */
  static Map<String, Object> of(
      SaleScenario scenario,
      int plannedOrders,
      Map<String, Object> storewire,
      SaleLedger storewireLedger,
      Map<String, Object> baseline,
      SaleLedger baselineLedger) {
    addTotals(storewire, storewireLedger);
    addTotals(baseline, baselineLedger);
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("duration_s", scenario.duration().toSeconds());
    setup.put("base_orders_per_s", scenario.baseOrdersPerSecond());
    setup.put("peak_factor", scenario.peakFactor());
    setup.put("peak_window", List.of(SaleScenario.PEAK_FROM, SaleScenario.PEAK_UNTIL));
    setup.put("skus", scenario.skus());
    setup.put("hot_skus", scenario.hotSkus());
    setup.put("hot_stock", scenario.hotStock());
    setup.put("stock", scenario.stock());
    setup.put("hot_sku_lots", scenario.hotSkuLots());
    setup.put("baseline_hot_sku_buffers", scenario.hotSkuBuffers());
    setup.put("seed", scenario.seed());
    setup.put("faults", scenario.faults());
    setup.put("planned_orders", plannedOrders);
    setup.put("time_compression", scenario.compression());
    setup.put(
        "time_compression_note",
        "1 s of the run stands for "
            + scenario.compression()
            + " s of a real sale, for both sides: buyers arrive at the rates above in run time, and"
            + " the baseline's job runs every "
            + scenario.baselinePollEvery().toMinutes()
            + " min ÷ "
            + scenario.compression()
            + " = "
            + scenario.baselinePollInRunTime().toMillis()
            + " ms; Storewire's lags are measured as they are, uncompressed");
    report.put("scenario", setup);
    report.put("storewire", storewire);
    report.put("baseline", baseline);
    report.put("ratios", ratios(storewire, baseline));
    report.put("targets", targets(storewire));
    return report;
  }

  private static void addTotals(Map<String, Object> side, SaleLedger ledger) {
    side.put("orders_accepted", ledger.acceptedTotal());
    side.put("orders_turned_away", ledger.turnedAwayTotal());
    side.put("orders_failed", ledger.failedTotal());
  }

  private static Map<String, Object> ratios(
      Map<String, Object> storewire, Map<String, Object> baseline) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put(
        "oversold_units_baseline_per_storewire",
        ratio(number(baseline, "oversold_units"), number(storewire, "oversold_units")));
    ratios.put(
        "vendor_calls_per_mutation_storewire_per_baseline",
        ratio(
            number(storewire, "vendor_calls_per_mutation"),
            number(baseline, "vendor_calls_per_mutation")));
    Map<String, Object> lag = new LinkedHashMap<>();
    for (String channel : SaleScenario.MARKETPLACES) {
      lag.put(channel, ratio(lagOf(baseline, channel, "p99"), lagOf(storewire, channel, "p99")));
    }
    ratios.put("lag_p99_baseline_per_storewire", lag);
    return ratios;
  }

  private static Map<String, Object> targets(Map<String, Object> storewire) {
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("zero_oversold", number(storewire, "oversold_units") == 0);
    targets.put("zero_lost", number(storewire, "lost_events") == 0);
    Map<String, Object> lag = new LinkedHashMap<>();
    for (String channel : SaleScenario.MARKETPLACES) {
      double p99 = lagOf(storewire, channel, "p99");
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("p99_ms", p99);
      each.put("under_2s", p99 < LAG_TARGET_MS);
      each.put("bound_by_vendor_limit", VENDOR_BOUND.get(channel));
      lag.put(channel, each);
    }
    targets.put("lag_p99_under_2s", lag);
    @SuppressWarnings("unchecked")
    Map<String, Object> faults = (Map<String, Object>) storewire.get("faults");
    targets.put(
        "every_fault_surfaced_and_recovered",
        number(faults, "surfaced") == number(faults, "injected")
            && number(faults, "recovered") == number(faults, "injected"));
    return targets;
  }

  static double lagOf(Map<String, Object> side, String channel, String percentile) {
    Map<String, Object> figures = channel(side, channel);
    @SuppressWarnings("unchecked")
    Map<String, Object> lag = (Map<String, Object>) figures.get("lag_ms");
    return lag == null ? 0 : number(lag, percentile);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> channel(Map<String, Object> side, String channel) {
    return (Map<String, Object>) ((Map<String, Object>) side.get("channels")).get(channel);
  }

  static double number(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value instanceof Number n ? n.doubleValue() : 0;
  }

  /** {@code a / b}, or null when b is 0 (no ratio to give). */
  private static Double ratio(double a, double b) {
    return b == 0 ? null : round(a / b);
  }

  /** The table people read on the terminal. */
  static String table(Map<String, Object> report) {
    @SuppressWarnings("unchecked")
    Map<String, Object> storewire = (Map<String, Object>) report.get("storewire");
    @SuppressWarnings("unchecked")
    Map<String, Object> baseline = (Map<String, Object>) report.get("baseline");
    TextTable table = new TextTable("", "STOREWIRE", "BASELINE (15-MIN JOB)");
    for (String key : List.of("orders_accepted", "orders_turned_away", "orders_failed")) {
      table.row(key.replace('_', ' '), storewire.get(key), baseline.get(key));
    }
    table.row("oversold units", storewire.get("oversold_units"), baseline.get("oversold_units"));
    for (String channel : SaleScenario.CHANNELS) {
      table.row(
          "  on " + channel,
          channel(storewire, channel).get("oversold_units"),
          channel(baseline, channel).get("oversold_units"));
    }
    for (String channel : SaleScenario.MARKETPLACES) {
      table.row(
          "lag p50/p95/p99/max ms " + channel,
          lagCell(storewire, channel),
          lagCell(baseline, channel));
    }
    table.row("vendor calls", storewire.get("vendor_calls"), baseline.get("vendor_calls"));
    table.row(
        "vendor calls per stock mutation",
        storewire.get("vendor_calls_per_mutation"),
        baseline.get("vendor_calls_per_mutation"));
    @SuppressWarnings("unchecked")
    Map<String, Object> faults = (Map<String, Object>) storewire.get("faults");
    table.row(
        "faults injected/exercised/surfaced/recovered",
        faults.get("injected")
            + "/"
            + faults.getOrDefault("exercised", "-")
            + "/"
            + faults.get("surfaced")
            + "/"
            + faults.get("recovered"),
        faults.get("injected") + "/-/0/-");
    table.row("events parked", storewire.get("events_parked"), "-");
    table.row("events lost", storewire.get("lost_events"), "-");
    return table.render();
  }

  private static String lagCell(Map<String, Object> side, String channel) {
    return String.format(
        "%.0f/%.0f/%.0f/%.0f",
        lagOf(side, channel, "p50"),
        lagOf(side, channel, "p95"),
        lagOf(side, channel, "p99"),
        lagOf(side, channel, "max"));
  }
}
