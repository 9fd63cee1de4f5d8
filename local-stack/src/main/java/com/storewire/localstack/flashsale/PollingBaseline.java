package com.storewire.localstack.flashsale;

import com.storewire.localstack.Latencies;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.core.Seller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The integration a retailer runs today: a scheduled job reads stock from the source of truth and
 * pushes it to every marketplace, every 15 minutes (compressed like the sale). Its marketplaces are
 * a vendor sandbox of their own, selling against copies only the job updates.
 *
 * <p>It is given every advantage: its source of truth sees each sale at once, each push lands in
 * full and at once, and it holds back buffers on the hot SKUs (it cannot count lots down). Its
 * vendor calls are counted as such a job makes them with each vendor's bulk endpoint (not measured:
 * its pushes are applied directly). Faults hit it as they hit a script: an expired token stops that
 * channel's pushes for the rest of the sale (it has no refresh and no alert), a throttle storm or
 * 5xx burst fails the pushes made during it, a crash loses the runs it overlaps.
 */
final class PollingBaseline implements SaleSide {

  /** Items per bulk call: Shopify inventorySetQuantities, eBay bulk_update, WooCommerce batch. */
  private static final Map<String, Integer> BULK_ITEMS =
      Map.of("shopify", 250, "ebay", 25, "woocommerce", 100);

  /**
   * Amazon takes a run as one JSON_LISTINGS_FEED: createFeedDocument, the upload, createFeed, a
   * getFeed poll and the processing report.
   */
  private static final int AMAZON_CALLS_PER_FEED = 5;

  /** Logiwa StockSearch pages the job reads the truth with (PageSize 100). */
  private static final int WMS_PAGE = 100;

  private final SaleScenario scenario;
  private final SandboxServer sandbox;
  private final Map<String, Integer> truth = new HashMap<>();
  private final List<Long> mutations = new ArrayList<>();
  private final Map<String, List<Long>> pushes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> oversold = new ConcurrentHashMap<>();
  private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failedPushes = new AtomicLong();
  private final ScheduledExecutorService job = Executors.newSingleThreadScheduledExecutor();

  PollingBaseline(SaleScenario scenario) {
    this.scenario = scenario;
    this.sandbox = VendorSandbox.start(0, scenario.seed(), VendorSandbox.Credentials.local());
  }

  @Override
  public String name() {
    return "baseline";
  }

  @Override
  public void seed() {
    synchronized (this) {
      scenario.skuIds().forEach(sku -> truth.put(sku, scenario.stockOf(sku)));
    }
    push();
  }

  /** Starts the schedule; the first run after one interval (the seed was the run before it). */
  void open() {
    long every = scenario.baselinePollInRunTime().toMillis();
    job.scheduleAtFixedRate(this::push, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean buy(SalePlan.Purchase purchase) {
    if (purchase.channel().equals("storefront")) {
      synchronized (this) {
        int left = truth.get(purchase.sku());
        if (left < purchase.quantity()) {
          return false;
        }
        truth.put(purchase.sku(), left - purchase.quantity());
        mutations.add(System.currentTimeMillis());
        return true;
      }
    }
    Seller marketplace = (Seller) sandbox.imitation(purchase.channel());
    if (marketplace.sell(purchase.sku(), purchase.quantity()) == null) {
      return false;
    }
    synchronized (this) {
      int left = truth.get(purchase.sku());
      int taken = Math.min(left, purchase.quantity());
      truth.put(purchase.sku(), left - taken);
      if (taken < purchase.quantity()) {
        oversold
            .computeIfAbsent(purchase.channel(), c -> new AtomicLong())
            .addAndGet(purchase.quantity() - taken);
      }
      if (taken > 0) {
        mutations.add(System.currentTimeMillis());
      }
    }
    return true;
  }

  /** One run of the job: read the truth, push it (less buffers) to each channel it can reach. */
  private void push() {
    Map<String, Integer> snapshot;
    synchronized (this) {
      snapshot = new HashMap<>(truth);
    }
    long now = System.currentTimeMillis();
    calls.addAndGet(pages(snapshot.size(), WMS_PAGE));
    for (String channel : SaleScenario.MARKETPLACES) {
      if (now < blockedUntil.getOrDefault(channel, 0L)) {
        failedPushes.incrementAndGet();
        continue;
      }
      snapshot.forEach(
          (sku, left) ->
              sandbox
                  .imitation(channel)
                  .inventory()
                  .write(sku, Math.max(0, left - buffer(channel, sku))));
      calls.addAndGet(
          channel.equals("amazon")
              ? AMAZON_CALLS_PER_FEED
              : pages(snapshot.size(), BULK_ITEMS.get(channel)));
      pushes.computeIfAbsent(channel, c -> new ArrayList<>()).add(now);
    }
  }

  private int buffer(String channel, String sku) {
    return scenario.isHot(sku) ? scenario.hotSkuBuffers().get(channel) : 0;
  }

  private static long pages(int items, int perPage) {
    return (items + perPage - 1) / perPage;
  }

  @Override
  public synchronized Map<String, Integer> truth(List<String> skus) {
    Map<String, Integer> left = new LinkedHashMap<>();
    skus.forEach(sku -> left.put(sku, truth.get(sku)));
    return left;
  }

  @Override
  public int shown(String channel, String sku) {
    Integer copy = sandbox.imitation(channel).inventory().get(sku);
    return copy == null ? 0 : copy;
  }

  @Override
  public void inject(SaleFault fault) {
    long now = System.currentTimeMillis();
    switch (fault.name()) {
      case SaleFault.TOKEN_EXPIRED -> blockedUntil.put(fault.vendor(), Long.MAX_VALUE);
      case SaleFault.THROTTLE_STORM, SaleFault.SERVER_ERROR_BURST ->
          blockedUntil.put(fault.vendor(), now + fault.lasting().toMillis());
      case SaleFault.CONNECTOR_CRASH ->
          SaleScenario.MARKETPLACES.forEach(
              c -> blockedUntil.merge(c, now + fault.lasting().toMillis(), Math::max));
      default -> {
        // Duplicate webhooks: the job reads orders from its own database, it takes no webhooks.
      }
    }
  }

  @Override
  public void drain() {
    // Nothing is in flight: what the job has not pushed waits for its next run.
  }

  @Override
  public Map<String, Object> results(SaleLedger ledger) {
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> channels = new LinkedHashMap<>();
    long mutationCount = ledger.acceptedTotal();
    List<Long> changes;
    synchronized (this) {
      changes = List.copyOf(mutations);
    }
    for (String channel : SaleScenario.CHANNELS) {
      Map<String, Object> figures = SaleReport.channelFigures(ledger, channel);
      figures.put("oversold_units", oversold(channel));
      if (!channel.equals("storefront")) {
        Latencies lag = new Latencies();
        long unpropagated = 0;
        List<Long> pushed = pushes.getOrDefault(channel, List.of());
        for (long change : changes) {
          Long next = pushed.stream().filter(p -> p >= change).findFirst().orElse(null);
          if (next == null) {
            unpropagated++;
          } else {
            lag.addMillis(next - change);
          }
        }
        figures.put("lag_ms", lag.summary());
        figures.put("lag_cdf", SaleReport.cdf(lag));
        figures.put("changes_never_propagated", unpropagated);
      }
      channels.put(channel, figures);
    }
    results.put("oversold_units", oversold.values().stream().mapToLong(AtomicLong::get).sum());
    results.put("stock_mutations", mutationCount);
    results.put("vendor_calls", calls.get());
    results.put("vendor_calls_basis", "counted as the job makes them with each bulk endpoint");
    results.put(
        "vendor_calls_per_mutation",
        mutationCount == 0 ? 0 : SaleReport.round((double) calls.get() / mutationCount));
    results.put("failed_pushes_unnoticed", failedPushes.get());
    results.put(
        "faults",
        Map.of("surfaced", 0, "note", "the job has no alerting: its failures are silent"));
    results.put("channels", channels);
    return results;
  }

  private long oversold(String channel) {
    AtomicLong units = oversold.get(channel);
    return units == null ? 0 : units.get();
  }

  @Override
  public void close() {
    job.shutdownNow();
    sandbox.close();
  }
}
