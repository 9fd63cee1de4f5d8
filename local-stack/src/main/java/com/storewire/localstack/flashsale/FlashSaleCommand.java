package com.storewire.localstack.flashsale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.storewire.emulators.PubSubRest;
import com.storewire.localstack.stack.LocalBigQuerySink;
import com.storewire.localstack.stack.LocalStack;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "flash-sale",
    mixinStandardHelpOptions = true,
    description = {
      "The flash-sale benchmark: starts the whole stack, runs a sale on Storewire and on the",
      "15-minute polling job it replaces (same buyers, same seed, same run), and reports: JSON at",
      "--out, an HTML page with charts beside it, and a table here. Stops everything it started."
    })
public final class FlashSaleCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SaleOptions options;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> report = runAndReport(spec.commandLine().getOut(), options);
    return report == null ? 1 : 0;
  }

  /**
   * Starts the stack, runs the sale, writes the JSON and HTML reports, prints the table, stops
   * everything; the report, for callers that judge it.
   */
  public static Map<String, Object> runAndReport(PrintWriter out, SaleOptions options)
      throws Exception {
    SaleScenario scenario = options.scenario();
    out.println("Starting the local stack (emulators, sandbox, order-intake, functions)...");
    out.flush();
    PrintStream progress = System.err;
    Map<String, Object> report;
    Map<String, Long> bigQueryRows;
    try (LocalStack stack = LocalStack.start("storewire-flash-sale", scenario.seed())) {
      report = FlashSale.run(stack, scenario, progress);
      bigQueryRows =
          LocalBigQuerySink.drain(
              new PubSubRest(stack.emulators().pubsub().hostPort()),
              stack.project(),
              options.bigQueryRows());
    }
    Files.createDirectories(options.out.toAbsolutePath().getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.out.toFile(), report);
    String table = SaleReport.table(report);
    HtmlReport.write(report, table, options.html());
    out.println();
    out.print(table);
    out.println();
    for (String line : verdicts(report)) {
      out.println(line);
    }
    out.printf("Report: %s%nCharts: %s%n", options.out, options.html());
    out.printf(
        "BigQuery rows (what StreamEventsToBigQuery would write): %s, %d rows in %d tables%n",
        options.bigQueryRows(),
        bigQueryRows.values().stream().mapToLong(Long::longValue).sum(),
        bigQueryRows.size());
    out.flush();
    return report;
  }

  /** One line per target, as the issue states them. */
  @SuppressWarnings("unchecked")
  static List<String> verdicts(Map<String, Object> report) {
    Map<String, Object> targets = (Map<String, Object>) report.get("targets");
    Map<String, Object> lag = (Map<String, Object>) targets.get("lag_p99_under_2s");
    StringBuilder lagLine = new StringBuilder("lag p99 < 2 s:");
    lag.forEach(
        (channel, each) -> {
          Map<String, Object> figures = (Map<String, Object>) each;
          lagLine.append(
              String.format(
                  " %s %s (%.0f ms%s)",
                  channel,
                  Boolean.TRUE.equals(figures.get("under_2s")) ? "yes" : "NO",
                  (Double) figures.get("p99_ms"),
                  figures.get("bound_by_vendor_limit") == null ? "" : ", bound: vendor limit"));
        });
    return List.of(
        "zero oversold by Storewire: " + yes(targets.get("zero_oversold")),
        "zero events lost: " + yes(targets.get("zero_lost")),
        "every fault surfaced and recovered: "
            + yes(targets.get("every_fault_surfaced_and_recovered")),
        lagLine.toString());
  }

  private static String yes(Object verdict) {
    return Boolean.TRUE.equals(verdict) ? "yes" : "NO";
  }
}
