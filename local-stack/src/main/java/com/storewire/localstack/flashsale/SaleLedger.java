package com.storewire.localstack.flashsale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the buyers of one side saw: orders taken, turned away or failed per channel, units sold, and
 * samples over time of the hot SKUs' stock as the truth and each channel show it.
 */
final class SaleLedger {

  /** The hot SKUs' units left in the truth, shown per channel, and sold per channel so far. */
  record Sample(
      long atMillis, int truth, Map<String, Integer> shown, Map<String, Long> soldSoFar) {}

  private final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> turnedAway = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> unitsSold = new ConcurrentHashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  void record(SalePlan.Purchase purchase, Boolean taken) {
    Map<String, AtomicLong> outcome = taken == null ? failed : taken ? accepted : turnedAway;
    count(outcome, purchase.channel(), 1);
    if (Boolean.TRUE.equals(taken)) {
      count(unitsSold, purchase.channel(), purchase.quantity());
    }
  }

  synchronized void sample(long atMillis, int truth, Map<String, Integer> shown) {
    Map<String, Long> sold = new LinkedHashMap<>();
    SaleScenario.CHANNELS.forEach(c -> sold.put(c, get(unitsSold, c)));
    samples.add(new Sample(atMillis, truth, Map.copyOf(shown), sold));
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  long accepted(String channel) {
    return get(accepted, channel);
  }

  long turnedAway(String channel) {
    return get(turnedAway, channel);
  }

  long failed(String channel) {
    return get(failed, channel);
  }

  long unitsSold(String channel) {
    return get(unitsSold, channel);
  }

  long total(Map<String, AtomicLong> counts) {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  long acceptedTotal() {
    return total(accepted);
  }

  long turnedAwayTotal() {
    return total(turnedAway);
  }

  long failedTotal() {
    return total(failed);
  }

  private static void count(Map<String, AtomicLong> counts, String channel, long by) {
    counts.computeIfAbsent(channel, c -> new AtomicLong()).addAndGet(by);
  }

  private static long get(Map<String, AtomicLong> counts, String channel) {
    AtomicLong count = counts.get(channel);
    return count == null ? 0 : count.get();
  }
}
