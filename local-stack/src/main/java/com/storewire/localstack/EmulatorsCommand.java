package com.storewire.localstack;

import com.storewire.catalog.Catalog;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "emulators",
    mixinStandardHelpOptions = true,
    description = {
      "Start both emulators with the catalog provisioned; Ctrl-C stops them.",
      "Prints the environment variables that point clients at them."
    })
final class EmulatorsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--project",
      defaultValue = "storewire-local",
      description = "Project id for topics and documents (default: ${DEFAULT-VALUE}).")
  String project;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Emulators emulators = Emulators.start();
    Runtime.getRuntime().addShutdownHook(new Thread(emulators::close, "stop-emulators"));
    int resources =
        new CatalogProvisioner(new PubSubRest(emulators.pubsub().hostPort()), project)
            .provision(Catalog.storewire());
    out.printf(
        "# Pub/Sub emulator started in %d ms, Firestore emulator in %d ms;"
            + " %d topics and subscriptions from the catalog in project %s.%n",
        emulators.pubsub().startupTime().toMillis(),
        emulators.firestore().startupTime().toMillis(),
        resources,
        project);
    out.printf("export PUBSUB_EMULATOR_HOST=%s%n", emulators.pubsub().hostPort());
    out.printf("export FIRESTORE_EMULATOR_HOST=%s%n", emulators.firestore().hostPort());
    out.printf("export GOOGLE_CLOUD_PROJECT=%s%n", project);
    out.println("# Press Ctrl-C to stop both emulators.");
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
