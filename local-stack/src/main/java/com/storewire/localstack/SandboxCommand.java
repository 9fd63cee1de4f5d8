package com.storewire.localstack;

import com.storewire.sandbox.Scenario;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.core.Seller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the vendor sandbox in the foreground and print each vendor's base URL.",
      "Admin (not a vendor surface): /_admin/{vendor}/state|stock|faults|revoke-tokens|sell."
    })
final class SandboxCommand implements Callable<Integer> {

  /** Order intake's webhook path per selling marketplace. */
  static final Map<String, String> WEBHOOK_PATHS =
      Map.of(
          "shopify", "/v1/webhooks/shopify/orders-create",
          "woocommerce", "/v1/webhooks/woocommerce/order-created",
          "ebay", "/v1/webhooks/ebay/notifications",
          "amazon", "/v1/webhooks/amazon/order-change");

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8089",
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the faults' randomness (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", description = "A JSON fault timeline to play.")
  Path scenario;

  @Option(
      names = "--webhooks-to",
      description = "Order intake's base URL, where the marketplaces post orders.")
  String webhooksTo;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SandboxServer sandbox = VendorSandbox.start(port, seed, VendorSandbox.Credentials.local());
    Scenario faults = scenario == null ? null : Scenario.read(scenario);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (faults != null) {
                    faults.close();
                  }
                  sandbox.close();
                },
                "stop-sandbox"));
    if (webhooksTo != null) {
      WEBHOOK_PATHS.forEach(
          (vendor, path) -> ((Seller) sandbox.imitation(vendor)).deliverTo(webhooksTo + path));
    }
    if (faults != null) {
      faults.start(sandbox);
    }
    sandbox.baseUrls().forEach((vendor, url) -> out.printf("%-12s %s%n", vendor, url));
    out.printf("admin        http://127.0.0.1:%d/_admin/{vendor}/state%n", sandbox.port());
    out.println("# Press Ctrl-C to stop.");
    out.flush();
    new CountDownLatch(1).await();
    return 0;
  }
}
