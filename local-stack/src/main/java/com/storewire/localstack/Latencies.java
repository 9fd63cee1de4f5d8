package com.storewire.localstack;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latencies of one run, in microseconds, and the percentiles the report quotes. */
public final class Latencies {

  private long[] micros = new long[1024];
  private int count;

  public synchronized void add(long latencyMicros) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = latencyMicros;
  }

  public synchronized int count() {
    return count;
  }

  /** The p-th percentile in milliseconds (nearest rank), 0 when nothing was recorded. */
  public synchronized double percentileMillis(double p) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
  }

  public void addMillis(long latencyMillis) {
    add(latencyMillis * 1000);
  }

  /** count, p50, p95, p99 and max in milliseconds, as reports quote them. */
  public Map<String, Object> summary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("count", count());
    summary.put("p50", percentileMillis(50));
    summary.put("p95", percentileMillis(95));
    summary.put("p99", percentileMillis(99));
    summary.put("max", percentileMillis(100));
    return summary;
  }

  /** Every latency recorded, in milliseconds, smallest first. */
  public synchronized long[] sortedMillis() {
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] /= 1000;
    }
    return sorted;
  }
}
