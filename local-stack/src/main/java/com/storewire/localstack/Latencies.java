package com.storewire.localstack.bench;

import java.util.Arrays;

/** Latencies of one run, in microseconds, and the percentiles the report quotes. */
final class Latencies {

  private long[] micros = new long[1024];
  private int count;

  synchronized void add(long latencyMicros) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = latencyMicros;
  }

  synchronized int count() {
    return count;
  }

  /** The p-th percentile in milliseconds (nearest rank), 0 when nothing was recorded. */
  synchronized double percentileMillis(double p) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
  }
}
