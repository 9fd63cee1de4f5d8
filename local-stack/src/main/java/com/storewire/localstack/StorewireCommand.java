package com.storewire.localstack;

import java.io.PrintWriter;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./storewire}: the one entry point for everything a user runs locally. */
@Command(
    name = "storewire",
    mixinStandardHelpOptions = true,
    versionProvider = StorewireCommand.Version.class,
    description = "Storewire, the event backbone for retailers, on this machine.",
    subcommands = {
      CatalogCommand.class,
      EmulatorsCommand.class,
      DemoCommand.class,
      com.storewire.localstack.flashsale.FlashSaleCommand.class,
      SandboxCommand.class,
      com.storewire.localstack.stack.UpCommand.class,
      com.storewire.localstack.bench.BenchCommand.class,
      com.storewire.localstack.replay.ReplayCommand.class,
      com.storewire.localstack.reconcile.ReconcileLocalCommand.class,
      com.storewire.localstack.dataflow.FlexTemplateCommand.class
    })
public final class StorewireCommand implements Runnable {

  static final String LOGBACK_CONFIGURATION = "storewire-cli-logback.xml";

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // The connector functions' jar on the classpath brings their JSON logback.xml (for Cloud
    // Logging); the CLI writes for people instead.
    System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new StorewireCommand())
        .setParameterExceptionHandler(StorewireCommand::usageError);
  }

  /** Any bad input: the reason, suggestions if any, the usage, and exit code 2. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    e.getCommandLine().usage(err);
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = StorewireCommand.class.getPackage().getImplementationVersion();
      return new String[] {"storewire " + (version == null ? "(development build)" : version)};
    }
  }
}
