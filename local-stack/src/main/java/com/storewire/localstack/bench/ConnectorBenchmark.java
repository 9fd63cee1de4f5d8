package com.storewire.localstack.bench;

import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.PushedMessage;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.PushDelivery;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.localstack.Latencies;
import com.storewire.sandbox.core.Imitation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One vendor's run: a burst of AvailabilityChanged deliveries (several versions per SKU, some at
 * the low-stock threshold) handed to its stock function's instances as its push subscriptions post
 * them: each instance a function object of its own (its own limiter, coalescer and tokens), taking
 * at most its concurrency at once, deliveries spread over them by {@link InstanceSpread}. A SKU has
 * converged when the delivery of its newest version returns, which the function does only once the
 * vendor confirmed that quantity; the vendor's copy is then read back to count what was lost. Each
 * instance first delivers one update of its own, untimed, as a running instance holds a token.
 */
final class ConnectorBenchmark {

  /**
   * Each vendor's documented request ceiling for the calls the connector makes, in requests/s, and
   * where it comes from (VENDORS.md); null where the vendor documents none.
   */
  private static final Map<String, Double> DOCUMENTED_LIMIT_PER_S =
      Map.of(
          // Admin GraphQL: 100 cost points/s restored (Standard plan), 10 points a mutation. Its
          // bucket holds 2000 points, so a burst shorter than 20 s may run above this rate.
          "shopify", 10.0,
          // Listings Items patchListingsItem: 5 requests/s, burst 10 (urgent updates; routine ones
          // share a JSON_LISTINGS_FEED a minute, whose own quota is 5 feeds per 5 minutes).
          "amazon", 5.0);

  record Result(
      String vendor,
      int instances,
      int concurrency,
      int mutations,
      long calls,
      double seconds,
      double convergeP50Ms,
      double convergeP99Ms,
      Double rateVsLimit,
      long parked,
      long lost,
      long refused,
      long throttled,
      long redelivered,
      int[] peakInFlight) {

    double callsPerMutation() {
      return mutations == 0 ? 0 : (double) calls / mutations;
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("instances", instances);
      json.put("concurrency", concurrency);
      json.put("mutations", mutations);
      json.put("calls", calls);
      json.put("calls_per_mutation", Math.round(callsPerMutation() * 1000) / 1000.0);
      json.put("seconds", IntakeBenchmark.round(seconds));
      json.put("converge_p50_ms", convergeP50Ms);
      json.put("converge_p99_ms", convergeP99Ms);
      json.put("achieved_calls_per_s", IntakeBenchmark.round(calls / seconds));
      json.put("documented_limit_per_s", DOCUMENTED_LIMIT_PER_S.get(vendor));
      json.put(
          "rate_vs_limit", rateVsLimit == null ? null : Math.round(rateVsLimit * 1000) / 1000.0);
      json.put("parked", parked);
      json.put("lost", lost);
      json.put("vendor_refusals", refused);
      json.put("throttled", throttled);
      json.put("redelivered", redelivered);
      json.put("peak_in_flight", peakInFlight);
      return json;
    }
  }

  private final String vendor;
  private final List<ConnectorFunction> instances;
  private final Imitation imitation;
  private final PubSubRest pubsub;
  private final String project;

  ConnectorBenchmark(
      String vendor,
      List<ConnectorFunction> instances,
      Imitation imitation,
      PubSubRest pubsub,
      String project) {
    this.vendor = vendor;
    this.instances = instances;
    this.imitation = imitation;
    this.pubsub = pubsub;
    this.project = project;
  }

  Result run(int mutations, int skuCount, int concurrency) throws Exception {
    Random random = new Random(42);
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < skuCount; i++) {
      String sku = String.format("BENCH-%04d", i);
      skus.add(sku);
      imitation.inventory().set(sku, 0);
    }
    Map<String, Long> versions = new HashMap<>();
    Map<String, Integer> expected = new HashMap<>();
    List<Event> burst = new ArrayList<>();
    for (int i = 0; i < mutations; i++) {
      String sku = skus.get(random.nextInt(skuCount));
      long version = versions.merge(sku, 1L, Long::sum);
      int sellable = random.nextInt(10) == 0 ? random.nextInt(4) : 6 + random.nextInt(60);
      expected.put(sku, sellable);
      burst.add(availability(sku, sellable, version));
    }
    // Each instance as in a running system: holding a token, its clients connected.
    for (int i = 0; i < instances.size(); i++) {
      String warm = String.format("BENCH-WARM-%02d", i);
      imitation.inventory().set(warm, 0);
      instances
          .get(i)
          .handle(
              PushedMessage.fromPushBody(
                  PushDelivery.toConsumer(availability(warm, 10, 1), project, vendor)));
    }
    long callsBefore = imitation.requests();
    long refusedBefore = imitation.refusals(status -> status >= 400);
    long throttledBefore = imitation.throttles();
    Latencies converge = new Latencies();
    AtomicLong failed = new AtomicLong();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    int[] peak;
    long start = System.nanoTime();
    try (InstanceSpread<ConnectorFunction> spread = new InstanceSpread<>(instances, concurrency)) {
      for (Event event : burst) {
        AvailabilityChanged data = (AvailabilityChanged) event.getData();
        boolean newest = data.getStockVersion() == versions.get(data.getSku());
        long submitted = System.nanoTime();
        done.add(
            spread.submit(
                function -> {
                  try {
                    function.handle(
                        PushedMessage.fromPushBody(
                            PushDelivery.toConsumer(event, project, vendor)));
                  } catch (Exception transientFailure) {
                    // Alerted by the function; Pub/Sub would redeliver, the count below shows it.
                    failed.incrementAndGet();
                  }
                  if (newest) {
                    converge.add((System.nanoTime() - submitted) / 1_000);
                  }
                  return null;
                }));
      }
      for (CompletableFuture<Void> delivery : done) {
        delivery.get();
      }
      peak = spread.peakInFlight();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long calls = imitation.requests() - callsBefore;
    long refused = imitation.refusals(status -> status >= 400) - refusedBefore;
    long throttled = imitation.throttles() - throttledBefore;
    long parked =
        pubsub.pull(project, "availability--" + vendor + "--dead-letter--parked", 1000).size()
            + pubsub
                .pull(project, "availability--" + vendor + "-urgent--dead-letter--parked", 1000)
                .size();
    long mismatched =
        expected.entrySet().stream()
            .filter(e -> !e.getValue().equals(imitation.inventory().get(e.getKey())))
            .count();
    Double limit = DOCUMENTED_LIMIT_PER_S.get(vendor);
    return new Result(
        vendor,
        instances.size(),
        concurrency,
        mutations,
        calls,
        seconds,
        converge.percentileMillis(50),
        converge.percentileMillis(99),
        limit == null ? null : calls / seconds / limit,
        parked,
        Math.max(0, mismatched - parked),
        refused,
        throttled,
        failed.get(),
        peak);
  }

  private Event availability(String sku, int sellable, long version) {
    return EventBuilder.of(
            AvailabilityChanged.newBuilder()
                .setSku(sku)
                .setChannel(vendor)
                .setOnHand(sellable)
                .setReserved(0)
                .setSafetyStock(0)
                .setChannelBuffer(0)
                .setSellable(sellable)
                .setStockVersion(version)
                .build())
        .source("//storewire/bench")
        .build();
  }
}
