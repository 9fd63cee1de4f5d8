package com.storewire.sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A vendor's own copy of stock per SKU, and everything it received, for tests and the benchmark to
 * compare with the source of truth through the admin API. Quantities the merchant set through the
 * vendor's API are also kept as timed writes, from which a benchmark reads propagation lag.
 */
public final class Inventory {

  /** A quantity the merchant's API call set, and when (epoch milliseconds). */
  public record Write(String sku, int quantity, long atMillis) {}

  private final Map<String, Integer> quantities = new ConcurrentHashMap<>();
  private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
  private final List<Write> writes = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Sets a quantity out of band (seeding, the admin API, the vendor's own warehouse). */
  public void set(String sku, int quantity) {
    quantities.put(sku, quantity);
  }

  /** Sets a quantity as the merchant's API call asked, and keeps it as a timed write. */
  public void write(String sku, int quantity) {
    quantities.put(sku, quantity);
    writes.add(new Write(sku, quantity, System.currentTimeMillis()));
  }

  /** Every API write so far, oldest first. */
  public List<Write> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  public Integer get(String sku) {
    return quantities.get(sku);
  }

  public boolean has(String sku) {
    return quantities.containsKey(sku);
  }

  /** Takes units if there are enough by this copy's count (which may be stale). */
  public synchronized boolean take(String sku, int quantity) {
    int have = quantities.getOrDefault(sku, 0);
    if (have < quantity) {
      return false;
    }
    quantities.put(sku, have - quantity);
    return true;
  }

  public Map<String, Integer> snapshot() {
    return new TreeMap<>(quantities);
  }

  public void record(String kind, JsonNode what) {
    received
        .computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(what);
  }

  public Map<String, List<JsonNode>> received() {
    Map<String, List<JsonNode>> copy = new TreeMap<>();
    received.forEach(
        (kind, list) -> {
          synchronized (list) {
            copy.put(kind, List.copyOf(list));
          }
        });
    return copy;
  }
}
