package com.storewire.reconciliation.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run did, from its counts: SKUs checked, differences by channel and class, corrections,
 * orders recovered, parked messages and replays, vendor calls, and how long it took. Tasks' reports
 * add up to the execution's.
 *
 * @param counts dotted counter keys, e.g. {@code differences.shopify.DRIFT}
 */
public record RunReport(
    String execution, int tasks, boolean dryRun, boolean resumed, Map<String, Long> counts) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static final List<String> KINDS =
      List.of("STALE", "DRIFT", "MISSING_LISTING", "UNKNOWN_LISTING");

  public long count(String key) {
    return counts.getOrDefault(key, 0L);
  }

  /** Every counter under a prefix, summed: {@code total("differences")} counts all classes. */
  public long total(String prefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().equals(prefix) || e.getKey().startsWith(prefix + "."))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public boolean failed() {
    return total("failures") > 0;
  }

  /** The execution's report from its tasks' reports. */
  public static RunReport merge(List<RunReport> reports) {
    Map<String, Long> sum = new TreeMap<>();
    reports.forEach(r -> r.counts().forEach((k, v) -> sum.merge(k, v, Long::sum)));
    return new RunReport(
        reports.get(0).execution(),
        reports.stream().mapToInt(RunReport::tasks).sum(),
        reports.get(0).dryRun(),
        reports.stream().anyMatch(RunReport::resumed),
        sum);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("execution", execution)
        .put("tasks", tasks)
        .put("dry_run", dryRun)
        .put("resumed", resumed)
        .put("skus_checked", count("skus_checked"))
        .put("differences", total("differences"))
        .put("corrections", total("corrections"))
        .put("orders_recovered", total("orders_recovered"))
        .put("vendor_calls", total("vendor_calls"))
        .put("intake_calls", count("intake_calls"))
        .put("seconds", count("elapsed_ms") / 1000.0)
        .put("failed", failed());
    ObjectNode detail = root.putObject("by");
    counts.forEach(
        (key, value) -> {
          String[] parts = key.split("\\.");
          ObjectNode node = detail;
          for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
          }
          node.put(parts[parts.length - 1], value);
        });
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A terminal table: one row per channel, then the run's totals. */
  public String toTable() {
    TreeSet<String> channels = new TreeSet<>();
    counts.keySet().stream()
        .filter(k -> k.startsWith("listings_read.") || k.startsWith("vendor_calls."))
        .forEach(k -> channels.add(k.substring(k.indexOf('.') + 1)));
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%-12s %9s %7s %7s %9s %9s %11s %10s %8s%n",
            "CHANNEL",
            "LISTINGS",
            "STALE",
            "DRIFT",
            "MISSING",
            "UNKNOWN",
            "CORRECTED",
            "RECOVERED",
            "CALLS"));
    for (String channel : channels) {
      table.append(
          String.format(
              "%-12s %9d %7d %7d %9d %9d %11d %10d %8d%n",
              channel,
              count("listings_read." + channel),
              count("differences." + channel + ".STALE"),
              count("differences." + channel + ".DRIFT"),
              count("differences." + channel + ".MISSING_LISTING"),
              count("differences." + channel + ".UNKNOWN_LISTING"),
              count("corrections." + channel),
              count("orders_recovered." + channel),
              count("vendor_calls." + channel)));
    }
    table.append(
        String.format(
            "SKUs checked %d in %.1f s over %d task(s)%s%s; parked %d (replayed %d, refreshed %d,"
                + " left %d); order-intake calls %d%s%n",
            count("skus_checked"),
            count("elapsed_ms") / 1000.0,
            tasks,
            dryRun ? ", dry run" : "",
            resumed ? ", resumed from a checkpoint" : "",
            total("parked"),
            count("replays.replayed"),
            count("replays.refreshed"),
            count("replays.left"),
            count("intake_calls"),
            failed() ? "; FAILURES: " + failures() : ""));
    return table.toString();
  }

  private Map<String, Long> failures() {
    Map<String, Long> failures = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          if (k.startsWith("failures.")) {
            failures.put(k.substring("failures.".length()), v);
          }
        });
    return failures;
  }
}
