package com.storewire.localstack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the reconciliation job: a catalogue on 4 marketplaces with injected drift;"
            + " prints JSON and a table.")
public final class BenchReconcileCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The sandbox's read limits, as the vendors document them (VENDORS.md). */
  static final List<ReconcileBenchmark.ReadLimit> READ_LIMITS =
      List.of(
          // Shopify: a bulk operation (mutation, polls, download) whatever the catalogue's size;
          // cost 10 a call against 100 points/s restored, 2000 in the bucket.
          new ReconcileBenchmark.ReadLimit("shopify", 0, 4, 10, 200),
          // Amazon: one GET_MERCHANT_LISTINGS_ALL_DATA report; createReport 0.0167/s, burst 15.
          new ReconcileBenchmark.ReadLimit("amazon", 0, 4, 0.0167, 15),
          // eBay getInventoryItems: 200 a page; eBay documents no Inventory API rate, the
          // sandbox allows 5/s with a burst of 25.
          new ReconcileBenchmark.ReadLimit("ebay", 200, 0, 5, 25),
          // WooCommerce: 100 products a page; it documents no rate limit (nor has the sandbox one).
          new ReconcileBenchmark.ReadLimit("woocommerce", 100, 0, Double.POSITIVE_INFINITY, 0));

  @Spec CommandSpec spec;

  @Option(names = "--out", description = "Also write the JSON here.")
  Path out;

  @Option(
      names = "--skus",
      defaultValue = "20000",
      description = "SKUs on each marketplace (default: ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--drift",
      defaultValue = "0.01",
      description = "Share of SKU/channel pairs drifted by hand (default: ${DEFAULT-VALUE}).")
  double drift;

  @Option(
      names = "--tasks",
      defaultValue = "2",
      description = "Parallel tasks (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    ReconcileBenchmark.Result result =
        ReconcileBenchmark.run(
            skus,
            drift,
            tasks,
            seed,
            READ_LIMITS,
            step -> {
              System.err.println("bench reconcile: " + step);
            });
    String json = JSON.writeValueAsString(ReconcileBenchmark.json(result));
    console.println(json);
    console.print(result.report().toTable());
    console.printf(
        "%-34s %12s%n%-34s %12d%n%-34s %12s%n%-34s %12d%n%-34s %12.4f%n%-34s %12.1f%n%-34s %12.1f%n"
            + "%-34s %12s%n",
        "measure",
        "value",
        "SKUs x marketplaces",
        result.skus() * result.marketplaces(),
        "drift found / injected",
        result.driftFound() + " / " + result.driftInjected(),
        "false corrections",
        result.falseCorrections(),
        "vendor calls per SKU",
        result.callsPerSku(),
        "seconds",
        result.seconds(),
        "rate-limit bound (s)",
        result.rateLimitBoundSeconds(),
        "seconds vs bound",
        result.secondsVsRateLimitBound() == null
            ? "no bound"
            : String.format("%.2f", result.secondsVsRateLimitBound()));
    if (out != null) {
      Files.writeString(out, json);
    }
    console.flush();
    return result.driftFound() == result.driftInjected() && result.falseCorrections() == 0 ? 0 : 1;
  }
}
