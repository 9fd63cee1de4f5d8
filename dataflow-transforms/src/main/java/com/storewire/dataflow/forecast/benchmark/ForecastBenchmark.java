package com.storewire.dataflow.forecast.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.dataflow.forecast.benchmark.SyntheticDemand.Pattern;
import com.storewire.dataflow.forecast.method.DemandForecaster;
import com.storewire.dataflow.forecast.method.RollingOriginBacktest;
import com.storewire.dataflow.forecast.method.SeasonalNaive;
import com.storewire.dataflow.forecast.method.SeriesForecast;
import com.storewire.dataflow.forecast.stock.AbcClass;
import com.storewire.dataflow.forecast.stock.LeadTime;
import com.storewire.dataflow.forecast.stock.SafetyStock;
import com.storewire.dataflow.forecast.stock.ServiceLevelPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./storewire bench forecast}: how good the forecasts and safety stocks are on a seeded
 * catalogue with known demand ({@link SyntheticDemand}).
 *
 * <ol>
 *   <li>Plan: every SKU forecast and its safety stock set, as the daily pipeline does, timed for
 *       {@code skus_per_s}.
 *   <li>Accuracy: a rolling-origin backtest over the history's last {@value #HOLDOUT_DAYS} days,
 *       one origin a week, choosing the method afresh from the days before each origin; MASE per
 *       demand pattern for the chosen methods and for the seasonal naive baseline, on the same
 *       scale.
 *   <li>Stock: a year of the demand that follows the history served by {@link
 *       ReplenishmentSimulation} with each SKU's reorder point; the achieved cycle service level
 *       against the targets, and the stock held against a "two weeks of cover" rule (reorder at 14
 *       days of forecast demand) serving the same demand with the same order quantity (two weeks of
 *       demand).
 * </ol>
 *
 * Prints the report as JSON on stdout and to {@code --out}, and a table on stderr.
 */
@Command(
    name = "bench-forecast",
    mixinStandardHelpOptions = true,
    description = "Benchmark demand forecasts and safety stock on seeded synthetic demand.")
public final class ForecastBenchmark implements Callable<Integer> {

  static final int HOLDOUT_DAYS = 28;
  static final int FUTURE_DAYS = 364;
  static final int COVER_RULE_DAYS = 14;
  static final int ORDER_COVER_DAYS = 14;
  static final int PLAN_HORIZON_DAYS = 28;

  @Option(names = "--out", required = true, description = "File for the JSON report")
  private Path out;

  @Option(names = "--skus", defaultValue = "2000", description = "SKUs (default ${DEFAULT-VALUE})")
  private int skus;

  @Option(
      names = "--days",
      defaultValue = "730",
      description = "Days of history (default ${DEFAULT-VALUE})")
  private int days;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE})")
  private long seed;

  private final DemandForecaster forecaster = DemandForecaster.standard();
  private final ServiceLevelPolicy policy = ServiceLevelPolicy.standard();
  private final LeadTime leadTime = new LeadTime(7, 2);

  public static void main(String[] args) {
    System.exit(new CommandLine(new ForecastBenchmark()).execute(args));
  }

  /** One SKU's plan: the forecast, its class and its reorder point. */
  private record Plan(
      SyntheticDemand.Sku sku, AbcClass abcClass, SeriesForecast forecast, SafetyStock stock) {}

  /**
   * One SKU's results.
   *
   * @param mase the chosen methods' holdout MASE; NaN for a new SKU
   */
  private record Result(
      Plan plan,
      double mase,
      double baselineMase,
      ReplenishmentSimulation.Outcome planned,
      ReplenishmentSimulation.Outcome coverRule) {}

  @Override
  public Integer call() throws Exception {
    if (skus < 1 || days < RollingOriginBacktest.MIN_TRAINING_DAYS + HOLDOUT_DAYS + 7) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need --skus >= 1 and --days >= "
              + (RollingOriginBacktest.MIN_TRAINING_DAYS + HOLDOUT_DAYS + 7));
    }
    SyntheticDemand demand = new SyntheticDemand(seed, days, FUTURE_DAYS);
    List<SyntheticDemand.Sku> catalogue =
        IntStream.range(0, skus).parallel().mapToObj(i -> demand.sku(i, skus)).toList();
    Map<String, Double> revenue = new HashMap<>();
    for (SyntheticDemand.Sku sku : catalogue) {
      revenue.put(sku.id(), Arrays.stream(sku.history()).sum() * sku.unitPrice());
    }
    Map<String, AbcClass> classes = policy.classify(revenue);

    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      long planStart = System.nanoTime();
      List<Plan> plans = inParallel(executor, catalogue, sku -> plan(sku, classes.get(sku.id())));
      double planSeconds = (System.nanoTime() - planStart) / 1e9;
      List<Result> results = inParallel(executor, plans, this::evaluate);
      ObjectNode report = report(results, planSeconds, threads);
      String json =
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
      Files.writeString(out, json + System.lineSeparator());
      System.out.println(json);
      System.err.print(table(report));
    } finally {
      executor.shutdown();
    }
    return 0;
  }

  private Plan plan(SyntheticDemand.Sku sku, AbcClass abcClass) {
    SeriesForecast forecast = forecaster.forecast(sku.history(), PLAN_HORIZON_DAYS);
    SafetyStock stock =
        SafetyStock.of(
            forecast.meanDailyUnits(),
            forecast.errorStdDev(),
            leadTime,
            policy.serviceLevel(abcClass));
    return new Plan(sku, abcClass, forecast, stock);
  }

  private Result evaluate(Plan plan) {
    double[] history = plan.sku().history();
    double mase = Double.NaN;
    double baselineMase = Double.NaN;
    int firstOrigin = history.length - HOLDOUT_DAYS;
    if (RollingOriginBacktest.canBacktest(firstOrigin)) {
      double chosenError = 0;
      double baselineError = 0;
      SeasonalNaive baseline = new SeasonalNaive();
      for (int origin = firstOrigin; origin < history.length; origin += 7) {
        double[] training = Arrays.copyOf(history, origin);
        double[] chosen = forecaster.forecast(training, 7).units();
        double[] naive = baseline.forecast(training, 7);
        for (int h = 0; h < 7; h++) {
          chosenError += Math.abs(history[origin + h] - chosen[h]);
          baselineError += Math.abs(history[origin + h] - naive[h]);
        }
      }
      double scale = RollingOriginBacktest.scale(history, firstOrigin) * HOLDOUT_DAYS;
      mase = chosenError / scale;
      baselineMase = baselineError / scale;
    }
    double meanDaily = plan.forecast().meanDailyUnits();
    long orderQuantity = Math.max(1, Math.round(meanDaily * ORDER_COVER_DAYS));
    long coverReorderPoint = (long) Math.ceil(meanDaily * COVER_RULE_DAYS);
    ReplenishmentSimulation simulation = new ReplenishmentSimulation(leadTime);
    long skuSeed = seed * 7_919 + plan.sku().id().hashCode();
    return new Result(
        plan,
        mase,
        baselineMase,
        simulation.run(
            plan.sku().future(),
            plan.stock().wholeReorderPoint(),
            orderQuantity,
            new SplittableRandom(skuSeed)),
        simulation.run(
            plan.sku().future(), coverReorderPoint, orderQuantity, new SplittableRandom(skuSeed)));
  }

  private ObjectNode report(List<Result> results, double planSeconds, int threads) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode report = mapper.createObjectNode();
    report.put("skus", skus).put("days", days).put("seed", seed).put("threads", threads);

    ObjectNode mase = report.putObject("mase");
    ObjectNode baseline = report.putObject("mase_seasonal_naive");
    ObjectNode methods = report.putObject("methods");
    for (Pattern pattern : Pattern.values()) {
      String name = pattern.name().toLowerCase();
      List<Result> ofPattern =
          results.stream().filter(r -> r.plan().sku().pattern() == pattern).toList();
      if (pattern != Pattern.NEW) {
        mase.put(
            name, round(ofPattern.stream().mapToDouble(Result::mase).average().orElse(Double.NaN)));
        baseline.put(
            name,
            round(
                ofPattern.stream().mapToDouble(Result::baselineMase).average().orElse(Double.NaN)));
      }
      Map<String, Integer> counts = new TreeMap<>();
      ofPattern.forEach(r -> counts.merge(r.plan().forecast().method(), 1, Integer::sum));
      ObjectNode chosen = methods.putObject(name);
      counts.forEach(chosen::put);
    }

    ObjectNode serviceLevel = report.putObject("service_level");
    serviceLevel.put("target", round(cycleWeightedTarget(results)));
    serviceLevel.put("achieved", round(achieved(results, Result::planned)));
    ObjectNode byClass = serviceLevel.putObject("by_class");
    Map<AbcClass, List<Result>> grouped = new EnumMap<>(AbcClass.class);
    results.forEach(
        r -> grouped.computeIfAbsent(r.plan().abcClass(), c -> new ArrayList<>()).add(r));
    grouped.forEach(
        (abcClass, ofClass) ->
            byClass
                .putObject(abcClass.name())
                .put("skus", ofClass.size())
                .put("target", policy.serviceLevel(abcClass))
                .put("achieved", round(achieved(ofClass, Result::planned)))
                .put("cover_rule_achieved", round(achieved(ofClass, Result::coverRule))));
    report.put("cover_rule_service_level", round(achieved(results, Result::coverRule)));
    report.put(
        "stock_vs_cover_rule",
        round(stockValue(results, Result::planned) / stockValue(results, Result::coverRule)));
    report.put("skus_per_s", Math.round(results.size() / planSeconds));
    return report;
  }

  private double cycleWeightedTarget(List<Result> results) {
    double weighted = 0;
    long cycles = 0;
    for (Result result : results) {
      weighted += result.planned().cycles() * policy.serviceLevel(result.plan().abcClass());
      cycles += result.planned().cycles();
    }
    return weighted / cycles;
  }

  private static double achieved(
      List<Result> results, Function<Result, ReplenishmentSimulation.Outcome> policyOutcome) {
    long cycles = 0;
    long stockedOut = 0;
    for (Result result : results) {
      cycles += policyOutcome.apply(result).cycles();
      stockedOut += policyOutcome.apply(result).stockedOutCycles();
    }
    return 1 - (double) stockedOut / cycles;
  }

  /** Stock held, valued at unit price, so a pallet of cheap tees does not outweigh a few coats. */
  private static double stockValue(
      List<Result> results, Function<Result, ReplenishmentSimulation.Outcome> policyOutcome) {
    return results.stream()
        .mapToDouble(r -> policyOutcome.apply(r).averageStock() * r.plan().sku().unitPrice())
        .sum();
  }

  private static String table(ObjectNode report) {
    StringBuilder table = new StringBuilder();
    String row = "%-34s %12s%n";
    table.append(String.format(row, "metric", "value"));
    report
        .get("mase")
        .properties()
        .forEach(
            f -> table.append(String.format(row, "MASE " + f.getKey(), f.getValue().asText())));
    report
        .get("mase_seasonal_naive")
        .properties()
        .forEach(
            f ->
                table.append(
                    String.format(
                        row, "MASE seasonal naive " + f.getKey(), f.getValue().asText())));
    report
        .get("service_level")
        .get("by_class")
        .properties()
        .forEach(
            f ->
                table.append(
                    String.format(
                        row,
                        "CSL " + f.getKey() + " target/achieved",
                        f.getValue().get("target").asText()
                            + "/"
                            + f.getValue().get("achieved").asText())));
    table.append(
        String.format(
            row,
            "CSL target (cycle-weighted)",
            report.get("service_level").get("target").asText()));
    table.append(
        String.format(row, "CSL achieved", report.get("service_level").get("achieved").asText()));
    table.append(
        String.format(
            row, "CSL two-weeks-cover rule", report.get("cover_rule_service_level").asText()));
    table.append(
        String.format(
            row, "stock vs two-weeks-cover rule", report.get("stock_vs_cover_rule").asText()));
    table.append(String.format(row, "SKUs planned per second", report.get("skus_per_s").asText()));
    return table.toString();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static <T, R> List<R> inParallel(
      ExecutorService executor, List<T> items, Function<T, R> work) throws Exception {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(executor.submit(() -> work.apply(item)));
    }
    List<R> results = new ArrayList<>();
    for (Future<R> future : futures) {
      results.add(future.get());
    }
    return results;
  }
}
