package com.storewire.dataflow.forecast.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./storewire forecast}: runs {@link ForecastSafetyStock} on this machine's DirectRunner
 * over every {@code *.jsonl} file in a history directory. The events go to {@code --out}; the
 * forecast rows and any unreadable lines go beside it, as {@code <name>.forecasts.jsonl} and {@code
 * <name>.failures.jsonl}, where {@code <name>} is {@code --out} without {@code .jsonl}. Exits 1
 * when a history line could not be read.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Forecast demand and set safety stock from JSON-lines order history.")
public final class ForecastCommand implements Callable<Integer> {

  @Option(names = "--history", required = true, description = "Directory of *.jsonl history files")
  private Path history;

  @Option(names = "--out", required = true, description = "File for the SafetyStockUpdated events")
  private Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ForecastCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(history)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--history is not a directory: " + history);
    }
    Path absoluteOut = out.toAbsolutePath();
    Files.createDirectories(absoluteOut.getParent());
    String base = absoluteOut.toString().replaceFirst("\\.jsonl$", "");
    Path forecasts = Path.of(base + ".forecasts.jsonl");
    Path failures = Path.of(base + ".failures.jsonl");

    ForecastSafetyStock.Options options =
        PipelineOptionsFactory.create().as(ForecastSafetyStock.Options.class);
    options.setHistory(history.toAbsolutePath().resolve("*.jsonl").toString());
    options.setEventsOutput(absoluteOut.toString());
    options.setForecastsOutput(forecasts.toString());
    options.setFailuresOutput(failures.toString());
    // The DirectRunner's immutability and encodability checks are for tests; here they cost
    // a serialisation round trip per record and most of the run.
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    PipelineResult.State state = ForecastSafetyStock.run(options).waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      System.err.println("forecast pipeline ended " + state);
      return 2;
    }
    long events = lines(absoluteOut);
    long rows = lines(forecasts);
    long failed = lines(failures);
    System.out.printf(
        "%d SafetyStockUpdated events -> %s%n%d forecast rows -> %s%n%d unreadable lines -> %s%n",
        events, absoluteOut, rows, forecasts, failed, failures);
    return failed == 0 ? 0 : 1;
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
