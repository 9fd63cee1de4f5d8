package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.MarketplaceReads.PolledOrder;
import com.storewire.connectors.core.Pacer;
import com.storewire.sandbox.VendorSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A marketplace's reads for reconciliation, configured as the job configures them and called
 * through a connector core, against a fresh vendor sandbox; and what every marketplace's order poll
 * must do.
 */
abstract class SandboxedReadsTest extends SandboxedFunctionTest {

  final Clock clock = Clock.systemUTC();
  final Pacer pacer = new Pacer(clock);
  MarketplaceReads reads;
  ConnectorCore core;
  SandboxAdmin marketplace;

  /** The reads under test, from the connectors' settings. */
  abstract MarketplaceReads reads(Map<String, String> settings);

  /** The marketplace's name in the sandbox. */
  abstract String vendor();

  /** What the sandbox records the order webhook's bodies under. */
  abstract String orderWebhook();

  /** The most orders one page of the marketplace's order list holds. */
  abstract int ordersPerPage();

  @BeforeEach
  void connect() {
    reads = reads(VendorSandbox.connectorSettings(sandbox, CREDENTIALS));
    core =
        new ConnectorCore(
            new AccessToken(reads::refresh, clock), pacer, 6, Duration.ofMillis(50), (f, a) -> {});
    marketplace = new SandboxAdmin(sandbox, vendor());
  }

  /** {@code count} SKUs named after {@code prefix}, with assorted quantities. */
  static Map<String, Integer> skus(String prefix, int count) {
    Map<String, Integer> stock = new HashMap<>();
    for (int i = 0; i < count; i++) {
      stock.put(String.format("%s-%04d", prefix, i), i % 37);
    }
    return stock;
  }

  @Test
  void ordersSincePollsEveryOrderFromThenOnIncludingThoseWhoseWebhookWasDropped() {
    marketplace.stock(Map.of("JUG-1", 1_000));
    marketplace.sell("JUG-1");
    marketplace.sell("JUG-1");
    Instant since = clock.instant();
    marketplace.fault("DROPPED_WEBHOOK", 50);
    List<String> sold = new ArrayList<>();
    for (int i = 0; i < ordersPerPage() + 10; i++) {
      sold.add(marketplace.sell("JUG-1"));
    }

    List<PolledOrder> polled = reads.ordersSince(core, since);

    assertThat(sandbox.imitation(vendor()).faults().active()).isEmpty();
    assertThat(polled).extracting(PolledOrder::orderId).containsExactlyElementsOf(sold);
    assertThat(polled)
        .extracting(PolledOrder::createdAt)
        .isSorted()
        .allSatisfy(createdAt -> assertThat(createdAt).isAfterOrEqualTo(since));
    List<JsonNode> webhooks =
        sandbox.imitation(vendor()).inventory().received().get(orderWebhook());
    assertThat(polled)
        .extracting(order -> new String(order.webhookBody(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(
            webhooks.subList(2, webhooks.size()).stream().map(JsonNode::toString).toList());
    assertThat(core.calls()).isEqualTo(2);
  }
}
