package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.Pacer;
import com.storewire.sandbox.VendorSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A marketplace's reads against a fresh sandbox, through a core built as reconciliation builds it;
 * the marketplace's state is set through the sandbox's admin API.
 */
abstract class ReadsAgainstSandboxTest extends SandboxedFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Clock clock = Clock.systemUTC();
  final Pacer pacer = new Pacer(clock);
  private final HttpClient http = HttpClient.newHttpClient();

  Map<String, String> settings() {
    return VendorSandbox.connectorSettings(sandbox, CREDENTIALS);
  }

  ConnectorCore core(MarketplaceReads reads) {
    return new ConnectorCore(
        new AccessToken(reads::refresh, clock), pacer, 6, Duration.ofMillis(50), (f, a) -> {});
  }

  JsonNode admin(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.port() + "/_admin" + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      String answer = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return JSON.readTree(answer.isEmpty() ? "{}" : answer);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Lists {@code count} SKUs on the vendor with assorted quantities; what it lists. */
  Map<String, Integer> seed(String vendor, int count) {
    Map<String, Integer> stock = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      stock.put(String.format("RECON-%05d", i), i % 17);
    }
    admin("PUT", "/" + vendor + "/stock", JSON.valueToTree(stock).toString());
    return stock;
  }

  /** A buyer's order on the vendor; its order id. */
  String sell(String vendor, String sku, int quantity) {
    return admin(
            "POST",
            "/" + vendor + "/sell",
            JSON.createObjectNode().put("sku", sku).put("quantity", quantity).toString())
        .path("order_id")
        .asText();
  }

  /** The cut between orders, and the orders sold after it. */
  record Sold(Instant since, List<String> later) {}

  /**
   * With every webhook dropped, sells one order, takes the cut, and sells three more (of two SKUs,
   * the first of two units): what a poll from the cut must find and nothing else.
   */
  Sold soldAcrossACut(String vendor) throws InterruptedException {
    seed(vendor, 5);
    fault(vendor, "DROPPED_WEBHOOK", 0);
    sell(vendor, "RECON-00003", 1);
    // Marketplaces stamp orders to the millisecond: the later ones must fall after the cut.
    Thread.sleep(2);
    Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Sold(
        since,
        List.of(
            sell(vendor, "RECON-00004", 2),
            sell(vendor, "RECON-00002", 1),
            sell(vendor, "RECON-00004", 1)));
  }

  /**
   * Lists {@code skus} SKUs and reads them back equal, in {@code calls} calls of the core (retries
   * of scripted faults included).
   */
  void assertListingsReadBack(String vendor, MarketplaceReads reads, int skus, long calls) {
    Map<String, Integer> listed = seed(vendor, skus);
    ConnectorCore core = core(reads);

    assertThat(reads.listings(core)).isEqualTo(listed);
    assertThat(core.calls()).isEqualTo(calls);
  }

  /** With every answer drifted (its fields renamed), listings fail after the core's retries. */
  void assertDriftFailsListings(String vendor, MarketplaceReads reads) {
    seed(vendor, 10);
    ConnectorCore core = core(reads);
    // The token first: a drifted token answer is an auth failure, not the drift under test.
    core.call(token -> token);
    fault(vendor, "SCHEMA_DRIFT", 100);

    assertThatThrownBy(() -> reads.listings(core))
        .isInstanceOfSatisfying(
            ConnectorCore.Exhausted.class,
            e -> assertThat(e.getMessage()).contains("unexpected answer"));
  }

  void fault(String vendor, String kind, int requests) {
    admin(
        "POST",
        "/" + vendor + "/faults",
        JSON.createObjectNode().put("kind", kind).put("requests", requests).toString());
  }
}
