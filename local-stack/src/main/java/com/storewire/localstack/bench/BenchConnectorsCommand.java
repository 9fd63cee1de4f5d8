package com.storewire.localstack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.storewire.catalog.Catalog;
import com.storewire.connectors.amazon.AmazonStockFunction;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.ConnectorScaling;
import com.storewire.connectors.ebay.EbayStockFunction;
import com.storewire.connectors.shopify.ShopifyStockFunction;
import com.storewire.connectors.woocommerce.WooCommerceStockFunction;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.localstack.LocalConnectors;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "connectors",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the marketplace stock connectors against the vendor sandbox as they run in"
            + " production: a burst of stock mutations per vendor spread over the function's"
            + " instances, each taking its concurrency at once; repeated runs; prints JSON (medians"
            + " and min-max per figure) and a table.")
public final class BenchConnectorsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Each marketplace's stock function: its name in the deployment and how to build one. */
  private static final Map<
          String, Map.Entry<String, Function<Map<String, String>, ConnectorFunction>>>
      FUNCTIONS = new LinkedHashMap<>();

  static {
    FUNCTIONS.put("shopify", Map.entry("shopify-stock", ShopifyStockFunction::new));
    FUNCTIONS.put("ebay", Map.entry("ebay-stock", EbayStockFunction::new));
    FUNCTIONS.put("woocommerce", Map.entry("woocommerce-stock", WooCommerceStockFunction::new));
    FUNCTIONS.put("amazon", Map.entry("amazon-stock", AmazonStockFunction::new));
  }

  /** The figures a run gives, as the JSON names them. */
  private static final Map<String, ToDoubleFunction<ConnectorBenchmark.Result>> FIGURES =
      new LinkedHashMap<>();

  static {
    FIGURES.put("calls_per_mutation", ConnectorBenchmark.Result::callsPerMutation);
    FIGURES.put("converge_p50_ms", ConnectorBenchmark.Result::convergeP50Ms);
    FIGURES.put("converge_p99_ms", ConnectorBenchmark.Result::convergeP99Ms);
    FIGURES.put("seconds", ConnectorBenchmark.Result::seconds);
    FIGURES.put("rate_vs_limit", r -> r.rateVsLimit() == null ? Double.NaN : r.rateVsLimit());
    FIGURES.put("parked", ConnectorBenchmark.Result::parked);
    FIGURES.put("lost", ConnectorBenchmark.Result::lost);
    FIGURES.put("vendor_refusals", ConnectorBenchmark.Result::refused);
    FIGURES.put("throttled", ConnectorBenchmark.Result::throttled);
    FIGURES.put("redelivered", ConnectorBenchmark.Result::redelivered);
  }

  @Spec CommandSpec spec;

  @Option(names = "--out", description = "Also write the JSON here.")
  Path out;

  @Option(
      names = "--mutations",
      defaultValue = "600",
      description = "Stock mutations per vendor and run (default: ${DEFAULT-VALUE}).")
  int mutations;

  @Option(
      names = "--skus",
      defaultValue = "60",
      description = "SKUs the mutations fall on (default: ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--instances",
      description =
          "Instances of each function (default: each function's production max_instances).")
  Integer instances;

  @Option(
      names = "--concurrency",
      description =
          "Deliveries one instance takes at once (default: each function's production"
              + " concurrency).")
  Integer concurrency;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description =
          "Runs, each against a fresh sandbox and project; figures are their median and min-max"
              + " (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--vendors",
      split = ",",
      description = "Only these marketplaces (default: shopify,ebay,woocommerce,amazon).")
  List<String> vendors;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    Map<String, ConnectorScaling> scaling = new LinkedHashMap<>();
    for (String vendor : vendors == null ? List.copyOf(FUNCTIONS.keySet()) : vendors) {
      if (!FUNCTIONS.containsKey(vendor)) {
        throw new IllegalArgumentException("no stock function for " + vendor);
      }
      ConnectorScaling production = ConnectorScaling.production(FUNCTIONS.get(vendor).getKey());
      scaling.put(
          vendor,
          production.with(
              concurrency == null ? production.concurrency() : concurrency,
              instances == null ? production.maxInstances() : instances));
    }
    Map<String, List<ConnectorBenchmark.Result>> results = new LinkedHashMap<>();
    try (Emulators emulators = Emulators.start()) {
      for (int run = 1; run <= runs; run++) {
        // A fresh vendor and project per run: every run meets full rate buckets and a new token.
        String project = "storewire-bench-" + run;
        new CatalogProvisioner(new PubSubRest(emulators.pubsub().hostPort()), project)
            .provision(Catalog.storewire());
        try (SandboxServer sandbox =
            VendorSandbox.start(0, 11, VendorSandbox.Credentials.local())) {
          for (var vendor : scaling.entrySet()) {
            ConnectorScaling function = vendor.getValue();
            console.printf(
                "run %d/%d %s: %d mutations over %d SKUs, %d instance(s) x %d...%n",
                run,
                runs,
                vendor.getKey(),
                mutations,
                skus,
                function.maxInstances(),
                function.concurrency());
            console.flush();
            Map<String, String> env =
                new HashMap<>(LocalConnectors.env(emulators, project, sandbox));
            env.putAll(function.env());
            List<ConnectorFunction> started = new ArrayList<>();
            try {
              for (int i = 0; i < function.maxInstances(); i++) {
                started.add(FUNCTIONS.get(vendor.getKey()).getValue().apply(env));
              }
              results
                  .computeIfAbsent(vendor.getKey(), v -> new ArrayList<>())
                  .add(
                      new ConnectorBenchmark(
                              vendor.getKey(),
                              started,
                              sandbox.imitation(vendor.getKey()),
                              new PubSubRest(emulators.pubsub().hostPort()),
                              project)
                          .run(mutations, skus, function.concurrency()));
            } finally {
              for (ConnectorFunction instance : started) {
                instance.close();
              }
            }
          }
        }
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors()));
    report.put("mutations_per_vendor", mutations);
    report.put("skus", skus);
    report.put("runs", runs);
    Map<String, Object> byVendor = new LinkedHashMap<>();
    results.forEach((vendor, runsOf) -> byVendor.put(vendor, summary(scaling.get(vendor), runsOf)));
    report.put("vendors", byVendor);
    long lost =
        results.values().stream()
            .flatMap(List::stream)
            .mapToLong(ConnectorBenchmark.Result::lost)
            .sum();
    report.put("lost", lost);
    String json = JSON.writeValueAsString(report);
    console.println(json);
    console.print(table(scaling, results));
    console.flush();
    if (out != null) {
      Files.writeString(out, json);
    }
    return lost == 0 ? 0 : 1;
  }

  private static Map<String, Object> summary(
      ConnectorScaling function, List<ConnectorBenchmark.Result> runs) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("function", function.function());
    json.put("instances", function.maxInstances());
    json.put("concurrency", function.concurrency());
    json.put("vendor_share", function.vendorShare());
    Map<String, Object> median = new LinkedHashMap<>();
    Map<String, Object> spread = new LinkedHashMap<>();
    FIGURES.forEach(
        (name, figure) -> {
          double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
          if (Double.isNaN(values[0])) {
            median.put(name, null);
            spread.put(name, null);
            return;
          }
          median.put(name, round(median(values)));
          spread.put(name, List.of(round(values[0]), round(values[values.length - 1])));
        });
    json.put("median", median);
    json.put("min_max", spread);
    json.put("runs", runs.stream().map(ConnectorBenchmark.Result::toJson).toList());
    return json;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String table(
      Map<String, ConnectorScaling> scaling, Map<String, List<ConnectorBenchmark.Result>> results) {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%-12s %9s %20s %22s %24s %20s %10s %7s %5s%n",
            "vendor",
            "inst x N",
            "calls/mut",
            "converge p50 ms",
            "converge p99 ms",
            "rate/limit",
            "throttled",
            "parked",
            "lost"));
    results.forEach(
        (vendor, runs) -> {
          ConnectorScaling function = scaling.get(vendor);
          table.append(
              String.format(
                  "%-12s %9s %20s %22s %24s %20s %10s %7s %5s%n",
                  vendor,
                  function.maxInstances() + " x " + function.concurrency(),
                  cell(runs, ConnectorBenchmark.Result::callsPerMutation, "%.3f"),
                  cell(runs, ConnectorBenchmark.Result::convergeP50Ms, "%.0f"),
                  cell(runs, ConnectorBenchmark.Result::convergeP99Ms, "%.0f"),
                  runs.get(0).rateVsLimit() == null
                      ? "no limit"
                      : cell(runs, r -> r.rateVsLimit(), "%.2f"),
                  cell(runs, ConnectorBenchmark.Result::throttled, "%.0f"),
                  cell(runs, ConnectorBenchmark.Result::parked, "%.0f"),
                  cell(runs, ConnectorBenchmark.Result::lost, "%.0f")));
        });
    table.append("each cell: median (min-max) over the runs\n");
    return table.toString();
  }

  /** The median, and the spread when runs differ: {@code 1.16 (1.10-1.21)}. */
  private static String cell(
      List<ConnectorBenchmark.Result> runs,
      ToDoubleFunction<ConnectorBenchmark.Result> figure,
      String format) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    String median = String.format(format, median(values));
    String low = String.format(format, values[0]);
    String high = String.format(format, values[values.length - 1]);
    return low.equals(high) ? median : median + " (" + low + "-" + high + ")";
  }
}
