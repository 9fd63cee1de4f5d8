package com.storewire.localstack;

import com.storewire.localstack.flashsale.FlashSaleCommand;
import com.storewire.localstack.flashsale.SaleOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Storewire end to end on this machine: the whole stack, a catalog seeded through the",
      "WMS, a flash sale beside the polling job it replaces, the report, then stop everything",
      "(also on Ctrl-C). Exits 1 when Storewire oversold, lost an event or missed a fault."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SaleOptions options;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> report =
        FlashSaleCommand.runAndReport(spec.commandLine().getOut(), options);
    @SuppressWarnings("unchecked")
    Map<String, Object> targets = (Map<String, Object>) report.get("targets");
    boolean held =
        Boolean.TRUE.equals(targets.get("zero_oversold"))
            && Boolean.TRUE.equals(targets.get("zero_lost"))
            && (!options.scenario().faults()
                || Boolean.TRUE.equals(targets.get("every_fault_surfaced_and_recovered")));
    spec.commandLine().getOut().println(held ? "All checks passed." : "Some checks FAILED.");
    spec.commandLine().getOut().flush();
    return held ? 0 : 1;
  }
}
