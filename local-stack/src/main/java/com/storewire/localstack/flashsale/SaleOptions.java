package com.storewire.localstack.flashsale;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The flash sale's parameters, shared by {@code flash-sale} and {@code demo}. */
public final class SaleOptions {

  @Option(
      names = "--duration",
      defaultValue = "60",
      description = "Seconds the sale lasts, in run time (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--base-rate",
      defaultValue = "4",
      description = "Orders per second outside the peak, all channels (default: ${DEFAULT-VALUE}).")
  double baseRate;

  @Option(
      names = "--peak-factor",
      defaultValue = "10",
      description = "The peak's order rate as a multiple of the base (default: ${DEFAULT-VALUE}).")
  double peakFactor;

  @Option(
      names = "--skus",
      defaultValue = "500",
      description = "SKUs in the catalog (default: ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--hot-skus",
      defaultValue = "5",
      description = "SKUs the peak's buyers want (default: ${DEFAULT-VALUE}).")
  int hotSkus;

  @Option(
      names = "--hot-stock",
      defaultValue = "60",
      description = "Units of each hot SKU in the WMS (default: ${DEFAULT-VALUE}).")
  int hotStock;

  @Option(
      names = "--stock",
      defaultValue = "100",
      description = "Units of every other SKU in the WMS (default: ${DEFAULT-VALUE}).")
  int stock;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the buyers and the sandbox (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--faults",
      description =
          "Inject faults: Shopify's token expires, an Amazon 429 storm, an eBay 5xx burst, a"
              + " connector crash and restart, duplicate webhooks.")
  boolean faults;

  @Option(
      names = "--compression",
      defaultValue = "60",
      description =
          "Time compression for both sides: 1 s of the run is this many s of a real sale"
              + " (default: ${DEFAULT-VALUE}).")
  int compression;

  @Option(
      names = "--poll-minutes",
      defaultValue = "15",
      description = "How often the baseline's job runs, real minutes (default: ${DEFAULT-VALUE}).")
  int pollMinutes;

  @Option(
      names = "--out",
      defaultValue = ".storewire/flash-sale.json",
      description = "The JSON report; the HTML page goes beside it (default: ${DEFAULT-VALUE}).")
  public Path out;

  public SaleScenario scenario() {
    return new SaleScenario(
        Duration.ofSeconds(durationSeconds),
        baseRate,
        peakFactor,
        skus,
        hotSkus,
        hotStock,
        stock,
        seed,
        faults,
        compression,
        Duration.ofMinutes(pollMinutes));
  }

  /** The HTML page's path: the JSON's, with .html. */
  /** Where the rows BigQuery would have received go, one JSON-lines file per table. */
  public Path bigQueryRows() {
    return out.resolveSibling("bigquery");
  }

  public Path html() {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
  }
}
