package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run Storewire end to end on this machine and print a report.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = ".storewire/demo",
      description = "Where the report and the BigQuery rows go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter console = spec.commandLine().getOut();
    FoundationDemo demo;
    try (Emulators emulators = Emulators.start()) {
      console.printf(
          "Emulators up: Pub/Sub in %d ms, Firestore in %d ms.%n",
          emulators.pubsub().startupTime().toMillis(),
          emulators.firestore().startupTime().toMillis());
      console.flush();
      demo =
          new FoundationDemo(new PubSubRest(emulators.pubsub().hostPort()), "storewire-demo", out);
      demo.run();
    }
    console.print(demo.summary());
    console.printf("Report: %s%n", out.resolve("report.json"));
    console.flush();
    return demo.failures().isEmpty() ? 0 : 1;
  }
}
