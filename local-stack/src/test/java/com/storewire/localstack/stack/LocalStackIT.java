package com.storewire.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.BigQueryField;
import com.storewire.catalog.EventRouting;
import com.storewire.catalog.EventTables;
import com.storewire.emulators.PubSubRest;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.codec.EventJson;
import com.storewire.localstack.LocalServices;
import com.storewire.localstack.dataflow.FlexTemplateLauncher;
import com.storewire.sandbox.core.Imitation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack as `./storewire up` starts it, every deployable in its own process: stock
 * received in the WMS reaches every marketplace, a marketplace sale and a storefront order reach
 * the WMS, the shipping tool and every channel's copy, and nothing is parked on the way.
 */
class LocalStackIT {

  private static final List<String> MARKETPLACES =
      List.of("shopify", "amazon", "ebay", "woocommerce");
  private static LocalStack stack;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    stack = LocalStack.start("stack-test", 11);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private Imitation vendor(String name) {
    return stack.sandbox().imitation(name);
  }

  @Test
  void stockAndOrdersFlowBetweenTheWarehouseTheStorefrontAndEveryMarketplace() throws Exception {
    MARKETPLACES.forEach(m -> vendor(m).inventory().set("STACK-1", 0));

    stack.admin("logiwa", "receive", "{\"sku\":\"STACK-1\",\"quantity\":30}");

    for (String marketplace : MARKETPLACES) {
      awaitEqual(() -> vendor(marketplace).inventory().get("STACK-1"), 30, marketplace);
    }

    stack.admin("ebay", "sell", "{\"sku\":\"STACK-1\",\"quantity\":2}");
    HttpResponse<String> storefront =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/v1/orders"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "stack-test-1")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"storefront\",\"currency\":\"USD\","
                            + "\"customer_email\":\"ada@example.com\","
                            + "\"lines\":[{\"sku\":\"STACK-1\",\"quantity\":3,"
                            + "\"unit_price_minor\":1999}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(storefront.statusCode()).as(storefront.body()).isEqualTo(201);
    for (String marketplace : MARKETPLACES) {
      awaitEqual(() -> vendor(marketplace).inventory().get("STACK-1"), 25, marketplace);
    }
    awaitEqual(
        () ->
            vendor("logiwa")
                .inventory()
                .received()
                .getOrDefault("InsertShipmentOrder", List.of())
                .size(),
        2,
        "sales orders in the WMS");
    awaitEqual(
        () ->
            vendor("shipstation")
                .inventory()
                .received()
                .getOrDefault("createorder", List.of())
                .size(),
        2,
        "orders in ShipStation");
    PubSubRest pubsub = new PubSubRest(stack.emulators().pubsub().hostPort());
    for (String marketplace : MARKETPLACES) {
      assertThat(
              pubsub.pull(
                  stack.project(), "availability--" + marketplace + "--dead-letter--parked", 10))
          .as("parked for %s", marketplace)
          .isEmpty();
    }
    assertThat(stack.bridge().forwarded()).isPositive();
  }

  /**
   * The safety-stock loop: the daily forecast pipeline (its Flex Template, launched from the
   * template's jar and metadata in a JVM of its own, as on Dataflow) turns a SKU's sales history
   * into SafetyStockUpdated; those events go through the Pub/Sub emulator's `safety-stock` topic to
   * order-intake, which holds the units back from every channel.
   */
  @Test
  void theForecastsSafetyStockReachesReservationsAndEveryChannel(@TempDir Path work)
      throws Exception {
    MARKETPLACES.forEach(m -> vendor(m).inventory().set("SAFE-1", 0));
    stack.admin("logiwa", "receive", "{\"sku\":\"SAFE-1\",\"quantity\":200}");
    for (String marketplace : MARKETPLACES) {
      awaitEqual(() -> vendor(marketplace).inventory().get("SAFE-1"), 200, marketplace);
    }
    Path history = Files.createDirectories(work.resolve("history"));
    StringBuilder sales = new StringBuilder();
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(120);
    for (int i = 0; i < 120; i++, day = day.plusDays(1)) {
      // About 6 a day with a weekly rhythm: enough demand for a safety stock well above zero.
      int units = 4 + (i * 7919 % 5) + (day.getDayOfWeek().getValue() >= 6 ? 3 : 0);
      sales
          .append("{\"sku\":\"SAFE-1\",\"channel\":\"shopify\",\"date\":\"")
          .append(day)
          .append("\",\"units\":")
          .append(units)
          .append(",\"unit_price\":19.99}\n");
    }
    Files.writeString(history.resolve("orders.jsonl"), sales);
    Path events = work.resolve("safety-stock.jsonl");

    // Launched as Cloud Scheduler launches it on Dataflow: the template's own jar and metadata.
    new FlexTemplateLauncher(
            LocalServices.home().resolve(FlexTemplateLauncher.TEMPLATES),
            LocalServices.home().resolve(FlexTemplateLauncher.JAR),
            work.resolve("logs"),
            Duration.ofMinutes(3))
        .launch(
            "forecast-safety-stock",
            Map.of(
                "history", history.toAbsolutePath() + "/*.jsonl",
                "eventsOutput", events.toAbsolutePath().toString(),
                "forecastsOutput", work.resolve("forecasts.jsonl").toAbsolutePath().toString(),
                "failuresOutput", work.resolve("failures.jsonl").toAbsolutePath().toString()),
            Map.of());
    List<String> updates = Files.readAllLines(events).stream().filter(l -> !l.isBlank()).toList();
    assertThat(updates).hasSize(1);
    Event event = EventJson.decode(updates.get(0).getBytes(StandardCharsets.UTF_8));
    SafetyStockUpdated update = (SafetyStockUpdated) event.getData();
    assertThat(update.getSafetyStock()).isPositive();

    PubSubRest pubsub = new PubSubRest(stack.emulators().pubsub().hostPort());
    pubsub.publish(
        stack.project(),
        "safety-stock",
        EventJson.encode(event),
        EventRouting.attributes(event),
        event.getSubject());

    for (String marketplace : MARKETPLACES) {
      awaitEqual(
          () -> vendor(marketplace).inventory().get("SAFE-1"),
          200 - update.getSafetyStock(),
          marketplace + " after safety stock " + update.getSafetyStock());
    }
  }

  /** The local stand-in for BigQuery writes each event as the row its catalog table takes. */
  @Test
  void eventsReachTheirLocalBigQueryTablesAsRowsOfTheirSchema(@TempDir Path rows) throws Exception {
    MARKETPLACES.forEach(m -> vendor(m).inventory().set("BQ-1", 0));
    stack.admin("logiwa", "receive", "{\"sku\":\"BQ-1\",\"quantity\":7}");
    awaitEqual(() -> vendor("shopify").inventory().get("BQ-1"), 7, "shopify");

    Map<String, Long> written =
        LocalBigQuerySink.drain(
            new PubSubRest(stack.emulators().pubsub().hostPort()), stack.project(), rows);

    String table = EventTables.tableName(EventType.STOCK_ADJUSTED);
    assertThat(written).containsKey(table);
    List<JsonNode> adjusted =
        Files.readAllLines(rows.resolve(table + ".jsonl")).stream()
            .map(LocalStackIT::json)
            .toList();
    JsonNode row =
        adjusted.stream()
            .filter(r -> r.path("subject").asText().equals("BQ-1"))
            .findFirst()
            .orElseThrow();
    List<String> columns = new java.util.ArrayList<>();
    row.fieldNames().forEachRemaining(columns::add);
    assertThat(columns)
        .contains("event_id", "event_time", "subject")
        .isSubsetOf(
            EventTables.schema(EventType.STOCK_ADJUSTED).stream()
                .map(BigQueryField::name)
                .toList());
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyFunctionAndItsTriggersAreServed() {
    assertThat(stack.functionUrls()).containsOnlyKeys(LocalStack.FUNCTIONS.keySet());
    assertThat(stack.webhookFunctionUrl()).startsWith("http://127.0.0.1:");
    assertThat(stack.functionUrls().values()).allMatch(url -> url.startsWith("http://127.0.0.1:"));
    assertThat(Map.copyOf(LocalStack.FUNCTIONS).values().stream().flatMap(List::stream))
        .as("every connector subscription in the catalog has a function here")
        .containsExactlyInAnyOrderElementsOf(
            com.storewire.catalog.Catalog.storewire()
                .subscriptionsOf(com.storewire.catalog.Component.CONNECTOR_FUNCTIONS)
                .stream()
                .map(com.storewire.catalog.SubscriptionSpec::name)
                .toList());
  }

  private static <T> void awaitEqual(Supplier<T> actual, T expected, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!expected.equals(actual.get()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(actual.get()).as(what).isEqualTo(expected);
  }
}
