package com.storewire.localstack.flashsale;

import com.storewire.localstack.stack.LocalStack;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs one flash sale on both sides at once: the same buyers, at the same moments, on Storewire
 * (the running local stack) and on the polling baseline, with the same faults when asked; then
 * drains Storewire and reports.
 */
public final class FlashSale {

  private static final long SAMPLE_EVERY_MS = 500;

  private FlashSale() {}

  /** Runs the sale and returns the report (see {@link SaleReport} for its shape). */
  public static Map<String, Object> run(LocalStack stack, SaleScenario scenario, PrintStream log)
      throws Exception {
    List<SalePlan.Purchase> plan = SalePlan.of(scenario);
    try (StorewireSide storewire = new StorewireSide(stack, scenario);
        PollingBaseline baseline = new PollingBaseline(scenario)) {
      log.printf(
          "flash-sale: seeding %d SKUs through the WMS to every channel...%n", scenario.skus());
      storewire.seed();
      baseline.seed();
      SaleLedger storewireLedger = new SaleLedger();
      SaleLedger baselineLedger = new SaleLedger();
      List<String> hot = scenario.skuIds().subList(0, scenario.hotSkus());
      log.printf(
          "flash-sale: %d buyers over %d s (peak ×%.0f on %d hot SKUs)%s%n",
          plan.size(),
          scenario.duration().toSeconds(),
          scenario.peakFactor(),
          scenario.hotSkus(),
          scenario.faults() ? ", faults on" : "");
      long opened = System.currentTimeMillis();
      baseline.open();
      ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
      clock.scheduleAtFixedRate(
          () -> {
            long at = System.currentTimeMillis() - opened;
            try {
              sample(storewire, storewireLedger, hot, at);
              sample(baseline, baselineLedger, hot, at);
            } catch (RuntimeException e) {
              log.printf("flash-sale: a sample at %d ms failed: %s%n", at, e);
            }
          },
          0,
          SAMPLE_EVERY_MS,
          TimeUnit.MILLISECONDS);
      if (scenario.faults()) {
        for (SaleFault fault : SaleFault.standard()) {
          long at = (long) (fault.atFraction() * scenario.duration().toMillis());
          clock.schedule(() -> baseline.inject(fault), at, TimeUnit.MILLISECONDS);
          clock.schedule(() -> storewire.inject(fault), at, TimeUnit.MILLISECONDS);
        }
      }
      ExecutorService storewireBuyers = Executors.newFixedThreadPool(48);
      ExecutorService baselineBuyers = Executors.newFixedThreadPool(8);
      List<Future<?>> orders = new ArrayList<>();
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("Flash sale")
              .setInitialMax(plan.size())
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(log))
              .setUnit(" orders", 1)
              .build()) {
        for (SalePlan.Purchase purchase : plan) {
          long wait = opened + purchase.atMillis() - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait);
          }
          orders.add(
              storewireBuyers.submit(
                  () -> {
                    storewireLedger.record(purchase, buy(storewire, purchase, log));
                    bar.step();
                  }));
          orders.add(
              baselineBuyers.submit(
                  () -> baselineLedger.record(purchase, buy(baseline, purchase, log))));
        }
        for (Future<?> order : orders) {
          order.get();
        }
        bar.setExtraMessage(" draining");
        // The timeline is the sale's (the drain is sampled once, after it); faults still running,
        // such as a crashed connector's restart, complete.
        clock.shutdown();
        clock.awaitTermination(2, TimeUnit.MINUTES);
        storewire.drain();
      } finally {
        clock.shutdownNow();
        storewireBuyers.shutdownNow();
        baselineBuyers.shutdownNow();
      }
      long closed = System.currentTimeMillis() - opened;
      sample(storewire, storewireLedger, hot, closed);
      sample(baseline, baselineLedger, hot, closed);
      Map<String, Object> report =
          SaleReport.of(
              scenario,
              plan.size(),
              storewire.results(storewireLedger),
              storewireLedger,
              baseline.results(baselineLedger),
              baselineLedger);
      Map<String, Object> timeline = new LinkedHashMap<>();
      timeline.put("storewire", timeline(storewireLedger));
      timeline.put("baseline", timeline(baselineLedger));
      report.put("timeline", timeline);
      return report;
    }
  }

  /** True taken, false turned away, null when the side failed to answer (counted, never lost). */
  private static Boolean buy(SaleSide side, SalePlan.Purchase purchase, PrintStream log) {
    try {
      return side.buy(purchase);
    } catch (Exception e) {
      log.printf("flash-sale: %s order %d failed: %s%n", side.name(), purchase.number(), e);
      return null;
    }
  }

  private static void sample(SaleSide side, SaleLedger ledger, List<String> hot, long at) {
    int truth = side.truth(hot).values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Integer> shown = new LinkedHashMap<>();
    shown.put("storefront", truth);
    for (String channel : SaleScenario.MARKETPLACES) {
      shown.put(channel, hot.stream().mapToInt(sku -> side.shown(channel, sku)).sum());
    }
    ledger.sample(at, truth, shown);
  }

  private static Map<String, Object> timeline(SaleLedger ledger) {
    List<SaleLedger.Sample> samples = ledger.samples();
    Map<String, Object> timeline = new LinkedHashMap<>();
    timeline.put("t_s", samples.stream().map(s -> s.atMillis() / 1000.0).toList());
    timeline.put("truth", samples.stream().map(SaleLedger.Sample::truth).toList());
    Map<String, Object> shown = new LinkedHashMap<>();
    Map<String, Object> sold = new LinkedHashMap<>();
    for (String channel : SaleScenario.CHANNELS) {
      shown.put(channel, samples.stream().map(s -> s.shown().get(channel)).toList());
      sold.put(channel, samples.stream().map(s -> s.soldSoFar().get(channel)).toList());
    }
    timeline.put("shown", shown);
    timeline.put("sold", sold);
    return timeline;
  }
}
