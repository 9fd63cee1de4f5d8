package com.storewire.localstack.flashsale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.emulators.PubSubRest;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.OrderOversold;
import com.storewire.events.codec.EventJson;
import com.storewire.localstack.Latencies;
import com.storewire.localstack.stack.LocalStack;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.Seller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Storewire's side of the sale, on the whole local stack: stock is received in the WMS and reaches
 * every channel through the real path, storefront buyers order through order-intake's API, and
 * marketplace buyers buy on the sandbox's copies, whose signed webhooks reach order-intake. What
 * happened is read where an operator reads it: the events on the topics, the vendors' copies, the
 * functions' alert logs, the push deliveries and order-intake's metrics.
 */
final class StorewireSide implements SaleSide {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OBSERVE_AVAILABILITY = "flash-sale-observer--availability";
  private static final String OBSERVE_ORDERS = "flash-sale-observer--orders";
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);
  private static final Duration DRAIN_STILL = Duration.ofSeconds(30);

  /**
   * A channel's sellable quantity of a SKU as of a stock version, committed at {@code atMillis}.
   */
  record Change(String sku, String channel, int sellable, long version, long atMillis) {}

  private final LocalStack stack;
  private final SaleScenario scenario;
  private final PubSubRest pubsub;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Change> changes = new ArrayList<>();
  private final Map<String, Long> oversold = new ConcurrentHashMap<>();
  private final Set<String> acceptedOrders = ConcurrentHashMap.newKeySet();
  private final List<FaultOutcome> faults = new ArrayList<>();
  private final ScheduledExecutorService observer = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, Long> callsBefore = new HashMap<>();
  private long openedAtMillis;

  /** An injected fault, when, and the deliveries refused by then (the crash's signal). */
  /**
   * @param vendorRefusalsBefore the vendor's error answers when the fault began: a fault in a
   *     vendor's API shows only once it answers a connector's call with it
   */
  private record FaultOutcome(
      SaleFault fault, long atMillis, long refusedBefore, long vendorRefusalsBefore) {}

  StorewireSide(LocalStack stack, SaleScenario scenario) {
    this.stack = stack;
    this.scenario = scenario;
    this.pubsub = new PubSubRest(stack.emulators().pubsub().hostPort());
    observe(OBSERVE_AVAILABILITY, "availability");
    observe(OBSERVE_ORDERS, "orders");
    observer.scheduleWithFixedDelay(this::pullEvents, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void observe(String subscription, String topic) {
    pubsub.createSubscription(
        stack.project(),
        subscription,
        topic,
        new PubSubRest.SubscriptionSpec(60, false, null, 0, ""));
  }

  @Override
  public String name() {
    return "storewire";
  }

  /**
   * Listings exist on every marketplace with nothing to sell; the WMS receives each SKU's stock,
   * whose webhook goes the whole way to every channel; hot SKUs get more shards and each
   * marketplace a ring-fenced lot of them. Returns when every channel shows what order-intake says
   * it may sell.
   */
  @Override
  public void seed() {
    List<String> skus = scenario.skuIds();
    SaleScenario.MARKETPLACES.forEach(
        m -> skus.forEach(sku -> stack.sandbox().imitation(m).inventory().set(sku, 0)));
    parallel(
        skus,
        sku ->
            stack.admin(
                "logiwa",
                "receive",
                "{\"sku\":\"" + sku + "\",\"quantity\":" + scenario.stockOf(sku) + "}"));
    awaitConverged(skus, Duration.ofMinutes(5), true);
    String lots;
    try {
      lots = JSON.writeValueAsString(scenario.hotSkuLots());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parallel(
        skus.stream().filter(scenario::isHot).toList(),
        sku ->
            LocalStack.send(
                stack
                    .asOperator(
                        HttpRequest.newBuilder(
                            URI.create(stack.intakeUrl() + "/v1/skus/" + sku + "/settings")))
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"shards\":8,\"channel_lots\":" + lots + "}"))));
    awaitConverged(skus, Duration.ofMinutes(2), true);
    stack
        .sandbox()
        .baseUrls()
        .keySet()
        .forEach(v -> callsBefore.put(v, stack.sandbox().imitation(v).requests()));
    openedAtMillis = System.currentTimeMillis();
  }

  @Override
  public boolean buy(SalePlan.Purchase purchase) throws Exception {
    if (!purchase.channel().equals("storefront")) {
      Seller marketplace = (Seller) stack.sandbox().imitation(purchase.channel());
      String vendorOrderId = marketplace.sell(purchase.sku(), purchase.quantity());
      if (vendorOrderId != null) {
        acceptedOrders.add(purchase.channel() + "-" + vendorOrderId);
      }
      return vendorOrderId != null;
    }
    String order =
        "{\"channel\":\"storefront\",\"currency\":\"USD\",\"customer_email\":\"buyer"
            + purchase.number()
            + "@example.com\",\"lines\":[{\"sku\":\""
            + purchase.sku()
            + "\",\"quantity\":"
            + purchase.quantity()
            + ",\"unit_price_minor\":1999}]}";
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.publicUrl() + "/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(LocalStack.STOREFRONT_KEY_HEADER, stack.storefrontKey())
                .header(
                    "Idempotency-Key", "flash-sale-" + scenario.seed() + "-" + purchase.number())
                .POST(HttpRequest.BodyPublishers.ofString(order))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 201) {
      acceptedOrders.add(JSON.readTree(answer.body()).path("order_id").asText());
      return true;
    }
    if (answer.statusCode() == 409) {
      return false;
    }
    throw new IllegalStateException(
        "order-intake answered " + answer.statusCode() + ": " + answer.body());
  }

  @Override
  public Map<String, Integer> truth(List<String> skus) {
    Map<String, Integer> left = new LinkedHashMap<>();
    availability(skus)
        .forEach(
            (sku, item) ->
                left.put(sku, item.path("on_hand").asInt() - item.path("reserved").asInt()));
    return left;
  }

  @Override
  public int shown(String channel, String sku) {
    Integer copy = stack.sandbox().imitation(channel).inventory().get(sku);
    return copy == null ? 0 : copy;
  }

  @Override
  public void inject(SaleFault fault) {
    long injectedAt = System.currentTimeMillis();
    long refusedBefore =
        fault.name().equals(SaleFault.CONNECTOR_CRASH) ? refused(fault.vendor()) : 0;
    long vendorRefusalsBefore =
        stack.sandbox().baseUrls().containsKey(fault.vendor())
            ? stack.sandbox().imitation(fault.vendor()).refusals(fault::answeredWith)
            : 0;
    Imitation vendor = stack.sandbox().imitation(fault.vendor());
    switch (fault.name()) {
      case SaleFault.TOKEN_EXPIRED -> vendor.revokeTokens();
      case SaleFault.THROTTLE_STORM ->
          vendor.faults().add(Faults.Kind.THROTTLE, 0, fault.lasting(), 1.0, 0);
      case SaleFault.SERVER_ERROR_BURST ->
          vendor.faults().add(Faults.Kind.SERVER_ERROR, 0, fault.lasting(), 0.7, 0);
      case SaleFault.CONNECTOR_CRASH -> {
        String target = stockFunction(fault.vendor());
        stack.crashFunction(target);
        sleep(fault.lasting());
        stack.restartFunction(target);
      }
      case SaleFault.DUPLICATE_WEBHOOKS ->
          SaleScenario.MARKETPLACES.forEach(
              m ->
                  stack
                      .sandbox()
                      .imitation(m)
                      .faults()
                      .add(Faults.Kind.DUPLICATE_WEBHOOK, 0, null, 0.2, 0));
      default -> throw new IllegalArgumentException("unknown fault " + fault.name());
    }
    synchronized (faults) {
      faults.add(new FaultOutcome(fault, injectedAt, refusedBefore, vendorRefusalsBefore));
    }
  }

  private String stockFunction(String channel) {
    return stack.deployment().pushedTo("availability--" + channel).orElseThrow().name();
  }

  /** Push deliveries to a channel's stock function that it failed or never answered. */
  private long refused(String channel) {
    return stack.deployment().deployable(stockFunction(channel)).triggers().stream()
        .mapToLong(stack.bridge()::refused)
        .sum();
  }

  /**
   * Waits until every channel shows what order-intake says it may sell and every order taken is in
   * the WMS. It waits as long as either still moves (the WMS takes orders at its plan's rate), and
   * gives up after {@link #DRAIN_STILL} without progress or {@link #DRAIN_LIMIT} in all: what is
   * missing then is counted as lost.
   */
  @Override
  public void drain() {
    stack.sandbox().baseUrls().keySet().stream()
        .map(stack.sandbox()::imitation)
        .filter(Seller.class::isInstance)
        .forEach(m -> ((Seller) m).flush());
    Instant limit = Instant.now().plus(DRAIN_LIMIT);
    Instant lastProgress = Instant.now();
    int missing = Integer.MAX_VALUE;
    while (Instant.now().isBefore(limit)
        && Instant.now().isBefore(lastProgress.plus(DRAIN_STILL))) {
      boolean converged = awaitConverged(scenario.skuIds(), Duration.ofSeconds(2), false);
      int nowMissing = missingFromWms().size();
      if (converged && nowMissing == 0) {
        break;
      }
      if (nowMissing < missing) {
        missing = nowMissing;
        lastProgress = Instant.now();
      }
      sleep(Duration.ofMillis(500));
    }
    sleep(Duration.ofMillis(500)); // the observer's last pull
  }

  private Set<String> missingFromWms() {
    Set<String> inWms = new HashSet<>();
    stack
        .sandbox()
        .imitation("logiwa")
        .inventory()
        .received()
        .getOrDefault("InsertShipmentOrder", List.of())
        .forEach(order -> inWms.add(order.path("Code").asText()));
    Set<String> missing = new HashSet<>(acceptedOrders);
    missing.removeAll(inWms);
    return missing;
  }

  /** True when every marketplace's copy of every SKU is what order-intake says it may sell. */
  private boolean awaitConverged(List<String> skus, Duration within, boolean required) {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      List<String> stale = stale(skus);
      if (stale.isEmpty()) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        if (required) {
          throw new IllegalStateException(
              stale.size()
                  + " channel copies never reached the seeded stock, e.g. "
                  + stale.subList(0, Math.min(5, stale.size())));
        }
        return false;
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /** "channel/sku" of every marketplace copy that differs from what the channel may sell. */
  private List<String> stale(List<String> skus) {
    List<String> stale = new ArrayList<>();
    Map<String, JsonNode> known = availability(skus);
    // A SKU order-intake does not list yet has not received its stock: not converged either.
    skus.stream()
        .filter(sku -> !known.containsKey(sku))
        .forEach(sku -> stale.add("order-intake/" + sku));
    known.forEach(
        (sku, item) -> {
          for (String channel : SaleScenario.MARKETPLACES) {
            int sellable = item.path("sellable").path(channel).asInt();
            Integer copy = stack.sandbox().imitation(channel).inventory().get(sku);
            if (copy == null || copy != sellable) {
              stale.add(channel + "/" + sku);
            }
          }
        });
    return stale;
  }

  /** order-intake's availability of the SKUs, 100 a request. */
  private Map<String, JsonNode> availability(List<String> skus) {
    Map<String, JsonNode> items = new LinkedHashMap<>();
    for (int from = 0; from < skus.size(); from += 100) {
      StringBuilder query = new StringBuilder();
      for (String sku : skus.subList(from, Math.min(skus.size(), from + 100))) {
        query
            .append(query.length() == 0 ? "?" : "&")
            .append("sku=")
            .append(URLEncoder.encode(sku, StandardCharsets.UTF_8));
      }
      try {
        JsonNode answer =
            JSON.readTree(
                LocalStack.send(
                    stack
                        .asOperator(
                            HttpRequest.newBuilder(
                                URI.create(stack.intakeUrl() + "/v1/availability" + query)))
                        .GET()));
        answer.path("items").forEach(item -> items.put(item.path("sku").asText(), item));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return items;
  }

  private void pullEvents() {
    try {
      for (String subscription : List.of(OBSERVE_AVAILABILITY, OBSERVE_ORDERS)) {
        List<PubSubRest.ReceivedMessage> messages;
        do {
          messages = pubsub.pull(stack.project(), subscription, 1000);
          for (PubSubRest.ReceivedMessage message : messages) {
            take(EventJson.decode(message.data()));
          }
          if (!messages.isEmpty()) {
            pubsub.acknowledge(
                stack.project(),
                subscription,
                messages.stream().map(PubSubRest.ReceivedMessage::ackId).toList());
          }
        } while (messages.size() == 1000);
      }
    } catch (RuntimeException e) {
      System.err.println("flash-sale: observing events failed, retrying: " + e);
    }
  }

  private void take(Event event) {
    if (event.getData() instanceof AvailabilityChanged a) {
      synchronized (changes) {
        changes.add(
            new Change(
                a.getSku(),
                a.getChannel(),
                a.getSellable(),
                a.getStockVersion(),
                event.getTime().toEpochMilli()));
      }
    } else if (event.getData() instanceof OrderOversold o) {
      oversold.merge(o.getChannel(), (long) o.getOversoldUnits(), Long::sum);
    }
  }

  @Override
  public Map<String, Object> results(SaleLedger ledger) {
    List<Change> observed;
    synchronized (changes) {
      observed = List.copyOf(changes);
    }
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> channels = new LinkedHashMap<>();
    List<String> stale = stale(scenario.skuIds());
    Latencies everyChannel = new Latencies();
    for (String channel : SaleScenario.CHANNELS) {
      Map<String, Object> figures = SaleReport.channelFigures(ledger, channel);
      figures.put("oversold_units", oversold.getOrDefault(channel, 0L));
      if (!channel.equals("storefront")) {
        PropagationLag lag =
            PropagationLag.of(
                observed.stream().filter(c -> c.channel().equals(channel)).toList(),
                stack.sandbox().imitation(channel).inventory().writes(),
                openedAtMillis,
                scenario::isHot);
        figures.put("lag_ms", lag.latencies().summary());
        figures.put("lag_cdf", SaleReport.cdf(lag.latencies()));
        for (long ms : lag.latencies().sortedMillis()) {
          everyChannel.addMillis(ms);
        }
        figures.put("changes_never_propagated", lag.unpropagated());
        figures.put(
            "stale_skus_at_end", stale.stream().filter(s -> s.startsWith(channel + "/")).count());
        figures.put("vendor_calls", calls(channel));
      }
      channels.put(channel, figures);
    }
    long mutations = ledger.acceptedTotal();
    long marketplaceCalls = SaleScenario.MARKETPLACES.stream().mapToLong(this::calls).sum();
    Map<String, Long> parkedBySubscription = parked();
    long parked = parkedBySubscription.values().stream().mapToLong(Long::longValue).sum();
    long missingOrders = missingFromWms().size();
    results.put("oversold_units", oversold.values().stream().mapToLong(Long::longValue).sum());
    results.put("lag_ms", everyChannel.summary());
    results.put("stock_mutations", mutations);
    results.put("vendor_calls", marketplaceCalls);
    Map<String, Long> byVendor = new LinkedHashMap<>();
    stack.sandbox().baseUrls().keySet().forEach(v -> byVendor.put(v, calls(v)));
    results.put("vendor_calls_by_vendor", byVendor);
    results.put(
        "vendor_calls_basis", "measured: requests the vendor sandbox's marketplaces answered");
    results.put(
        "vendor_calls_per_mutation",
        mutations == 0 ? 0 : SaleReport.round((double) marketplaceCalls / mutations));
    results.put("orders_missing_from_wms", missingOrders);
    results.put("events_parked", parked);
    results.put("events_parked_by_subscription", parkedBySubscription);
    results.put("lost_events", Math.max(0, missingOrders + stale.size() - parked));
    results.put("faults", faultResults(stale, parkedBySubscription));
    results.put("channels", channels);
    return results;
  }

  private long calls(String vendor) {
    return stack.sandbox().imitation(vendor).requests() - callsBefore.getOrDefault(vendor, 0L);
  }

  /**
   * Messages parked on each subscription's dead-letter topic, where there are any: nothing is lost
   * there, but a hand must replay them.
   */
  private Map<String, Long> parked() {
    Map<String, Long> parked = new LinkedHashMap<>();
    for (SubscriptionSpec subscription : Catalog.storewire().subscriptions()) {
      long count = pubsub.pull(stack.project(), subscription.parkedSubscription(), 1000).size();
      if (count > 0) {
        parked.put(subscription.name(), count);
      }
    }
    return parked;
  }

  /**
   * For each injected fault: was it surfaced where an operator is alerted (the connector's alert
   * log lines, failed push deliveries, order-intake's duplicate counter), and was it recovered from
   * with no hand (the channel converged, nothing of it parked, no order taken twice)?
   */
  private Map<String, Object> faultResults(List<String> stale, Map<String, Long> parked) {
    List<JsonNode> alerts = AlertLog.read(stack.functionLogs());
    List<Map<String, Object>> outcomes = new ArrayList<>();
    List<FaultOutcome> injected;
    synchronized (faults) {
      injected = List.copyOf(faults);
    }
    for (FaultOutcome outcome : injected) {
      SaleFault fault = outcome.fault();
      String surfacedBy;
      boolean recovered;
      boolean exercised = true;
      switch (fault.name()) {
        case SaleFault.CONNECTOR_CRASH -> {
          long refusedSince = refused(fault.vendor()) - outcome.refusedBefore();
          surfacedBy =
              refusedSince > 0
                  ? refusedSince + " failed push deliveries to " + stockFunction(fault.vendor())
                  : null;
          recovered =
              parkedFor(fault.vendor(), parked) == 0
                  && stale.stream().noneMatch(s -> s.startsWith(fault.vendor() + "/"));
        }
        case SaleFault.DUPLICATE_WEBHOOKS -> {
          // Exercised only if a marketplace sold after the fault and drew a second delivery.
          exercised =
              SaleScenario.MARKETPLACES.stream()
                      .mapToLong(m -> ((Seller) stack.sandbox().imitation(m)).duplicatesAnswered())
                      .sum()
                  > 0;
          long duplicates = duplicateWebhooks();
          surfacedBy =
              duplicates > 0
                  ? "storewire.webhooks.duplicates = " + duplicates
                  : exercised ? null : "nothing to surface: no duplicate was delivered";
          recovered = missingFromWms().isEmpty() && wmsOrdersTakenTwice() == 0;
        }
        default -> {
          exercised =
              stack.sandbox().imitation(fault.vendor()).refusals(fault::answeredWith)
                  > outcome.vendorRefusalsBefore();
          long seen =
              alerts.stream()
                  .filter(a -> a.path("alert_vendor").asText().equals(fault.vendor()))
                  .filter(
                      a ->
                          Instant.parse(a.path("timestamp").asText()).toEpochMilli()
                              >= outcome.atMillis() - 1000)
                  .count();
          surfacedBy =
              seen > 0
                  ? seen + " connector alert log entries for " + fault.vendor()
                  : exercised ? null : "nothing to surface: no call met the fault";
          recovered =
              parkedFor(fault.vendor(), parked) == 0
                  && stale.stream().noneMatch(s -> s.startsWith(fault.vendor() + "/"));
        }
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("fault", fault.name());
      entry.put("vendor", fault.vendor());
      entry.put("at_ms", outcome.atMillis() - openedAtMillis);
      entry.put("exercised", exercised);
      entry.put("surfaced", exercised && surfacedBy != null);
      entry.put("surfaced_by", surfacedBy);
      entry.put("recovered", recovered);
      outcomes.add(entry);
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("injected", outcomes.size());
    results.put("exercised", outcomes.stream().filter(o -> (Boolean) o.get("exercised")).count());
    results.put("surfaced", outcomes.stream().filter(o -> (Boolean) o.get("surfaced")).count());
    results.put("recovered", outcomes.stream().filter(o -> (Boolean) o.get("recovered")).count());
    results.put("alerts_logged", alerts.size());
    results.put("each", outcomes);
    return results;
  }

  /** Messages parked from the vendor's own subscriptions (its routine and urgent ones alike). */
  private static long parkedFor(String vendor, Map<String, Long> parked) {
    return Catalog.storewire().subscriptions().stream()
        .filter(s -> s.consumerName().equals(vendor) || s.consumerName().startsWith(vendor + "-"))
        .mapToLong(s -> parked.getOrDefault(s.name(), 0L))
        .sum();
  }

  /**
   * The duplicates every order-intake instance counted, added up as Cloud Monitoring adds up a
   * metric's time series (webhooks reach order-intake-public's instances).
   */
  private long duplicateWebhooks() {
    long total = 0;
    for (String instance : stack.serviceInstanceUrls()) {
      try {
        JsonNode metric =
            JSON.readTree(
                LocalStack.send(
                    HttpRequest.newBuilder(
                            URI.create(instance + "/metrics/storewire.webhooks.duplicates"))
                        .GET()));
        total += (long) metric.path("measurements").path(0).path("value").asDouble();
      } catch (IOException | IllegalStateException noneYet) {
        // the counter exists only once a duplicate was seen
      }
    }
    return total;
  }

  private long wmsOrdersTakenTwice() {
    List<JsonNode> orders =
        stack
            .sandbox()
            .imitation("logiwa")
            .inventory()
            .received()
            .getOrDefault("InsertShipmentOrder", List.of());
    return orders.size() - orders.stream().map(o -> o.path("Code").asText()).distinct().count();
  }

  private static void parallel(List<String> skus, java.util.function.Consumer<String> action) {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      skus.forEach(sku -> done.add(pool.submit(() -> action.accept(sku))));
      for (Future<?> each : done) {
        each.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
    } finally {
      pool.shutdown();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    observer.shutdownNow();
  }
}
