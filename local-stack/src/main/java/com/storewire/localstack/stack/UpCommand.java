package com.storewire.localstack.stack;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the whole stack and keep it running for manual use: emulators, vendor sandbox,",
      "order-intake and every connector function. Prints the URLs; Ctrl-C stops everything."
    })
public final class UpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--project",
      defaultValue = "storewire-local",
      description = "Emulator project id (default: ${DEFAULT-VALUE}).")
  String project;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Seed of the vendor sandbox's randomness (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the local stack...");
    out.flush();
    LocalStack stack = LocalStack.start(project, seed);
    out.printf("Pub/Sub emulator     %s%n", stack.emulators().pubsub().hostPort());
    out.printf("Firestore emulator   %s%n", stack.emulators().firestore().hostPort());
    out.printf(
        "Vendor sandbox       http://127.0.0.1:%d  (admin: /_admin/{vendor})%n",
        stack.sandbox().port());
    out.printf(
        "Google identity      %s  (ID tokens, metadata servers)%n", stack.google().certsUrl());
    out.println(
        "Deployables, each behind its Cloud Run front (public: anyone; private: its invokers):");
    for (var d : stack.deployment().deployables()) {
      var front = stack.front(d.name());
      if (front != null) {
        out.printf(
            "  %-22s %s  %s, concurrency %d, %d instance(s)%n",
            d.name(),
            front.baseUrl(),
            d.access().isPublic() ? "public" : "private",
            d.scaling().concurrency(),
            d.kind() == com.storewire.deployment.Deployable.Kind.FUNCTION
                ? d.scaling().maxInstances()
                : Math.max(1, d.scaling().minInstances()));
      }
    }
    out.printf(
        "Storefront API key   %s: %s%n", LocalStack.STOREFRONT_KEY_HEADER, stack.storefrontKey());
    out.println("Logs in .storewire/logs. Ctrl-C stops everything.");
    out.flush();
    new CountDownLatch(1).await(); // until Ctrl-C: the stack's shutdown hook stops it
    return 0;
  }
}
