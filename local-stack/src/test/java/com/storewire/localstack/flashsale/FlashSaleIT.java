package com.storewire.localstack.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.localstack.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small flash sale, in seconds, through the whole stack with every fault injected, holding
 * Storewire to its invariants: the hot SKUs sell out and nothing is oversold on any channel (the
 * polling job it replaces oversells the same buyers), nothing is lost or parked, and every fault is
 * surfaced and recovered from without a hand. The report has every figure it promises; its HTML
 * page is then drawn in headless Chromium.
 */
class FlashSaleIT {

  @TempDir Path out;

  @Test
  @SuppressWarnings("unchecked")
  void aSmallSaleWithEveryFaultSurfacesEveryFaultAndReportsEveryFigure() throws Exception {
    SaleScenario scenario =
        new SaleScenario(
            Duration.ofSeconds(10), 3, 5, 20, 2, 15, 40, 5, true, 60, Duration.ofMinutes(15));
    Map<String, Object> report;
    try (LocalStack stack = LocalStack.start("flash-sale-test", scenario.seed())) {
      report = FlashSale.run(stack, scenario, System.err);
    }

    Map<String, Object> storewire = (Map<String, Object>) report.get("storewire");
    Map<String, Object> baseline = (Map<String, Object>) report.get("baseline");
    Map<String, Object> faults = (Map<String, Object>) storewire.get("faults");
    assertThat(SaleReport.number(storewire, "orders_turned_away"))
        .as("the hot SKUs sold out, so overselling was possible")
        .isPositive();
    assertThat(SaleReport.number(storewire, "oversold_units"))
        .as("oversold by Storewire on any channel")
        .isZero();
    assertThat(SaleReport.number(baseline, "oversold_units"))
        .as("oversold by the polling job, same buyers")
        .isPositive();
    assertThat(SaleReport.number(storewire, "lost_events")).as("lost").isZero();
    assertThat(SaleReport.number(storewire, "events_parked"))
        .as("parked: %s", storewire.get("events_parked_by_subscription"))
        .isZero();
    assertThat(faults.get("injected")).isEqualTo(SaleFault.standard().size());
    // A fault in a vendor's API shows once the connector calls that vendor again; in a sale of
    // seconds a channel may see no call after its fault, and then there is nothing to surface.
    assertThat((Long) faults.get("exercised")).as(faults.toString()).isGreaterThanOrEqualTo(3);
    assertThat(faults.get("surfaced")).as(faults.toString()).isEqualTo(faults.get("exercised"));
    assertThat(faults.get("recovered"))
        .as(faults.toString())
        .isEqualTo((long) SaleFault.standard().size());
    for (String channel : SaleScenario.MARKETPLACES) {
      Map<String, Object> lag =
          (Map<String, Object>) SaleReport.channel(storewire, channel).get("lag_ms");
      assertThat(lag).containsKeys("p50", "p95", "p99", "max");
      assertThat((Integer) lag.get("count")).as("changes measured on %s", channel).isPositive();
    }
    assertThat(storewire)
        .containsKeys(
            "vendor_calls_per_mutation",
            "lag_ms",
            "lost_events",
            "oversold_units",
            "events_parked");

    Path html = out.resolve("report.html");
    HtmlReport.write(report, SaleReport.table(report), html);
    String dom = drawnInChromium(html);
    assertThat(dom.split("data-drawn=\"true\"", -1)).as("charts drawn").hasSize(5);
    assertThat(dom).contains("<canvas");
  }

  /** The page as headless Chromium leaves it once its scripts ran. */
  private String drawnInChromium(Path html) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assertThat(chromium)
        .as("Debian's chromium package (.ci/run installs it: apt-get install chromium)")
        .exists();
    Process browser =
        new ProcessBuilder(
                List.of(
                    chromium.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + Files.createTempDirectory(out, "chromium"),
                    "--virtual-time-budget=5000",
                    "--dump-dom",
                    html.toUri().toString()))
            .redirectError(out.resolve("chromium.log").toFile())
            .start();
    byte[] dom = browser.getInputStream().readAllBytes();
    assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(dom, StandardCharsets.UTF_8);
  }
}
