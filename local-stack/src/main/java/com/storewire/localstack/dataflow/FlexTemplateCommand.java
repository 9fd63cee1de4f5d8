package com.storewire.localstack.dataflow;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./storewire flex-template run}: a Dataflow Flex Template launched on this machine. */
@Command(
    name = "flex-template",
    mixinStandardHelpOptions = true,
    description =
        "Dataflow Flex Templates on this machine, from the template's own jar and metadata.",
    subcommands = FlexTemplateCommand.Run.class)
public final class FlexTemplateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Launch a template as `gcloud dataflow flex-template run` does, on the DirectRunner:"
            + " parameters its metadata does not declare, required ones left out and values"
            + " that miss their regex are refused (exit code 2) before anything starts.",
        "A batch template returns when its pipeline has finished (exit code 1 if it failed);"
            + " a streaming one runs until Ctrl-C."
      })
  static final class Run implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "TEMPLATE",
        description = "forecast-safety-stock, normalise-vendor-events or stream-events-to-bigquery")
    String template;

    @Option(
        names = "--parameters",
        split = ",",
        paramLabel = "NAME=VALUE",
        description = "The template's parameters, e.g. history=/data/history/*.jsonl")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
        names = "--environment",
        split = ",",
        paramLabel = "OPTION=VALUE",
        description =
            "Options of the launch environment, not the template, e.g. project=storewire-local")
    Map<String, String> environment = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      LaunchedPipeline pipeline;
      try {
        pipeline = FlexTemplateLauncher.local().launch(template, parameters, environment);
      } catch (IllegalArgumentException refused) {
        err.println(refused.getMessage());
        err.flush();
        return CommandLine.ExitCode.USAGE;
      } catch (IllegalStateException failed) {
        err.println(failed.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
      if (!pipeline.template().streaming()) {
        out.println(template + " finished; its log is " + pipeline.log());
        out.flush();
        return CommandLine.ExitCode.OK;
      }
      out.println(template + " is running (Ctrl-C stops it); its log is " + pipeline.log());
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close));
      int exit = pipeline.awaitExit();
      err.println(template + " stopped with exit code " + exit + ":\n" + pipeline.logTail(15));
      err.flush();
      return exit == 0 ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
  }
}
