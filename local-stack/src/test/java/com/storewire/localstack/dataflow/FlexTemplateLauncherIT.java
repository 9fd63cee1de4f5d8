package com.storewire.localstack.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.Event;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.codec.EventJson;
import com.storewire.localstack.LocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch forecast-safety-stock template, launched on this machine from what Cloud Build ships:
 * the jar dataflow-transforms packaged and the template's metadata, with its parameters as Cloud
 * Scheduler gives them (files instead of gs:// paths), on generated history.
 */
class FlexTemplateLauncherIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theForecastTemplateRunsFromItsJarAndMetadataAndWritesEveryOutput(@TempDir Path work)
      throws Exception {
    Path history = Files.createDirectories(work.resolve("history"));
    List<String> lines = new ArrayList<>();
    LocalDate first = LocalDate.parse("2026-08-01");
    for (int day = 0; day < 90; day++) {
      // A steady seller with a weekly rhythm, and an intermittent one.
      lines.add(line("TEE-BLK-M", "shopify", first.plusDays(day), 5 + day % 7));
      if (day % 5 == 0) {
        lines.add(line("MUG-01", "amazon-us", first.plusDays(day), 2));
      }
    }
    lines.add("{\"sku\":\"BROKEN\",");
    Files.write(history.resolve("orders.jsonl"), lines);
    Path out = Files.createDirectories(work.resolve("out"));
    Path logs = work.resolve("logs");
    FlexTemplateLauncher launcher =
        new FlexTemplateLauncher(
            LocalServices.home().resolve(FlexTemplateLauncher.TEMPLATES),
            LocalServices.home().resolve(FlexTemplateLauncher.JAR),
            logs,
            Duration.ofMinutes(3));

    LaunchedPipeline pipeline =
        launcher.launch(
            "forecast-safety-stock",
            Map.of(
                "history",
                history + "/*.jsonl",
                "eventsOutput",
                out.resolve("safety-stock.jsonl").toString(),
                "forecastsOutput",
                out.resolve("forecasts.jsonl").toString(),
                "failuresOutput",
                out.resolve("failures.jsonl").toString(),
                "horizonDays",
                "14",
                "serviceLevelA",
                "0.99"),
            Map.of());

    assertThat(pipeline.isRunning()).as("a batch launch returns once it has finished").isFalse();
    assertThat(pipeline.log()).startsWith(logs);
    List<Event> events =
        Files.readAllLines(out.resolve("safety-stock.jsonl")).stream()
            .map(event -> EventJson.decode(event.getBytes(StandardCharsets.UTF_8)))
            .toList();
    assertThat(events)
        .extracting(Event::getSubject)
        .containsExactlyInAnyOrder("TEE-BLK-M", "MUG-01");
    SafetyStockUpdated tee =
        (SafetyStockUpdated)
            events.stream()
                .filter(e -> e.getSubject().equals("TEE-BLK-M"))
                .findFirst()
                .orElseThrow()
                .getData();
    assertThat(tee.getSafetyStock()).isPositive();
    // The optional parameters reached the pipeline: 14 days per series, A at 0.99.
    List<JsonNode> rows = new ArrayList<>();
    for (String row : Files.readAllLines(out.resolve("forecasts.jsonl"))) {
      rows.add(JSON.readTree(row));
    }
    assertThat(rows).hasSize(2 * 14);
    assertThat(rows)
        .filteredOn(row -> row.path("abc_class").asText().equals("A"))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.path("service_level").asDouble()).isEqualTo(0.99));
    assertThat(Files.readAllLines(out.resolve("failures.jsonl")))
        .singleElement()
        .satisfies(failure -> assertThat(failure).contains("BROKEN"));
  }

  private static String line(String sku, String channel, LocalDate date, int units) {
    return String.format(
        "{\"sku\":\"%s\",\"channel\":\"%s\",\"date\":\"%s\",\"units\":%d,\"unit_price\":12.5}",
        sku, channel, date, units);
  }
}
