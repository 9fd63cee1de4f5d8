package com.storewire.localstack.reconcile;

import com.storewire.localstack.stack.LocalStack;
import com.storewire.reconciliation.run.RunReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./storewire reconcile}: starts the local stack, stocks a catalog on every marketplace,
 * then does what goes wrong in real life — stock edited by hand in a marketplace's admin, an order
 * whose webhook never arrives — and runs the reconciliation job's tasks against it as Cloud Run
 * runs an execution.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Run the reconciliation job against the local stack, after editing stock by hand in",
      "marketplaces and dropping an order webhook; prints the report (JSON in --out)."
    })
public final class ReconcileLocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "Report differences; correct and replay nothing.")
  boolean dryRun;

  @Option(
      names = "--tasks",
      defaultValue = "2",
      description = "Parallel tasks the SKU space is split across (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(
      names = "--skus",
      defaultValue = "100",
      description = "SKUs stocked on every marketplace (default: ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--out",
      defaultValue = ".storewire/reconcile-report.json",
      description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    console.println("Starting the local stack...");
    console.flush();
    try (LocalStack stack = LocalStack.start("storewire-reconcile", 7)) {
      ReconcileScenario scenario = new ReconcileScenario(stack);
      List<String> catalog = ReconcileScenario.skus("DEMO", skus);
      console.printf("Stocking %d SKUs on %s...%n", skus, ReconcileScenario.MARKETPLACES);
      console.flush();
      scenario.stock(catalog, 25, Duration.ofMinutes(3));
      for (int i = 0; i < Math.max(1, skus / 25); i++) {
        String marketplace = ReconcileScenario.MARKETPLACES.get(i % 4);
        scenario.editByHand(marketplace, catalog.get(i * 7 % skus), 99);
        console.printf("Edited %s's copy of %s by hand%n", marketplace, catalog.get(i * 7 % skus));
      }
      stack.admin("ebay", "faults", "{\"kind\":\"DROPPED_WEBHOOK\",\"requests\":1}");
      stack.admin("ebay", "sell", "{\"sku\":\"" + catalog.get(1) + "\",\"quantity\":1}");
      console.println("Sold one on eBay with its webhook dropped");
      Thread.sleep(3_000);
      console.printf("Running the job: %d task(s)%s...%n", tasks, dryRun ? ", dry run" : "");
      console.flush();
      RunReport report =
          LocalReconciliation.run(
              stack, "local-" + System.currentTimeMillis(), tasks, dryRun, Duration.ofSeconds(2));
      console.print(report.toTable());
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report.toJson());
      console.printf("Report: %s%n", out);
      console.flush();
      return report.failed() ? 1 : 0;
    }
  }
}
