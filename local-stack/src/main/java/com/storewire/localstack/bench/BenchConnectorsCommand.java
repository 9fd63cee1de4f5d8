package com.storewire.localstack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.storewire.catalog.Catalog;
import com.storewire.connectors.amazon.AmazonStockFunction;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.ebay.EbayStockFunction;
import com.storewire.connectors.shopify.ShopifyStockFunction;
import com.storewire.connectors.woocommerce.WooCommerceStockFunction;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.localstack.LocalConnectors;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "connectors",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the marketplace stock connectors against the vendor sandbox: a burst of stock"
            + " mutations per vendor; prints JSON and a table.")
public final class BenchConnectorsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Option(names = "--out", description = "Also write the JSON here.")
  Path out;

  @Option(
      names = "--mutations",
      defaultValue = "600",
      description = "Stock mutations per vendor (default: ${DEFAULT-VALUE}).")
  int mutations;

  @Option(
      names = "--skus",
      defaultValue = "60",
      description = "SKUs the mutations fall on (default: ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--concurrency",
      defaultValue = "64",
      description =
          "Deliveries in flight at once, as push delivery would (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    String project = "storewire-bench";
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors()));
    report.put("mutations_per_vendor", mutations);
    report.put("skus", skus);
    report.put("concurrency", concurrency);
    List<ConnectorBenchmark.Result> results = new ArrayList<>();
    try (Emulators emulators = Emulators.start();
        SandboxServer sandbox = VendorSandbox.start(0, 11, VendorSandbox.Credentials.local())) {
      new CatalogProvisioner(new PubSubRest(emulators.pubsub().hostPort()), project)
          .provision(Catalog.storewire());
      Map<String, String> env = LocalConnectors.env(emulators, project, sandbox);
      Map<String, Function<Map<String, String>, ConnectorFunction>> functions =
          new LinkedHashMap<>();
      functions.put("shopify", ShopifyStockFunction::new);
      functions.put("ebay", EbayStockFunction::new);
      functions.put("woocommerce", WooCommerceStockFunction::new);
      functions.put("amazon", AmazonStockFunction::new);
      for (var vendor : functions.entrySet()) {
        console.println(
            vendor.getKey() + ": " + mutations + " mutations over " + skus + " SKUs...");
        console.flush();
        try (ConnectorFunction function = vendor.getValue().apply(env)) {
          results.add(
              new ConnectorBenchmark(
                      vendor.getKey(),
                      function,
                      sandbox.imitation(vendor.getKey()),
                      new PubSubRest(emulators.pubsub().hostPort()),
                      project)
                  .run(mutations, skus, concurrency));
        }
      }
    }
    Map<String, Object> vendors = new LinkedHashMap<>();
    results.forEach(r -> vendors.put(r.vendor(), r.toJson()));
    report.put("vendors", vendors);
    long lost = results.stream().mapToLong(ConnectorBenchmark.Result::lost).sum();
    report.put("lost", lost);
    String json = JSON.writeValueAsString(report);
    console.println(json);
    console.print(table(results));
    console.flush();
    if (out != null) {
      Files.writeString(out, json);
    }
    return lost == 0 ? 0 : 1;
  }

  private static String table(List<ConnectorBenchmark.Result> results) {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%-12s %10s %10s %12s %12s %12s %6s%n",
            "vendor", "calls", "calls/mut", "p50 ms", "p99 ms", "rate/limit", "lost"));
    for (ConnectorBenchmark.Result r : results) {
      table.append(
          String.format(
              "%-12s %10d %10.3f %12.1f %12.1f %12s %6d%n",
              r.vendor(),
              r.calls(),
              r.callsPerMutation(),
              r.convergeP50Ms(),
              r.convergeP99Ms(),
              r.rateVsLimit() == null ? "no limit" : String.format("%.2f", r.rateVsLimit()),
              r.lost()));
    }
    return table.toString();
  }
}
