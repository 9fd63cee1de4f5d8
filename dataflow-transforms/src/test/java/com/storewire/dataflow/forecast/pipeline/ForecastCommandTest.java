package com.storewire.dataflow.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.codec.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI runs the whole pipeline on the DirectRunner and leaves three files where it says. */
class ForecastCommandTest {

  @Test
  void writesEventsForecastRowsAndFailuresBesideEachOther(@TempDir Path dir) throws Exception {
    Path history = Files.createDirectories(dir.resolve("history"));
    List<String> lines = new ArrayList<>();
    LocalDate first = LocalDate.parse("2026-09-01");
    for (int day = 0; day < 60; day++) {
      lines.add(line("TEE-BLK-M", "shopify", first.plusDays(day), 2 + day % 3));
      if (day % 4 == 0) {
        lines.add(line("MUG-01", "amazon-us", first.plusDays(day), 1));
      }
    }
    Files.write(history.resolve("orders-1.jsonl"), lines.subList(0, 40));
    Files.write(history.resolve("orders-2.jsonl"), lines.subList(40, lines.size()));
    Files.writeString(history.resolve("broken.jsonl"), "{\"sku\":\n");
    Files.writeString(history.resolve("notes.txt"), "not history, not read");
    Path out = dir.resolve("out/safety-stock.jsonl");

    int exit =
        new CommandLine(new ForecastCommand())
            .execute("--history", history.toString(), "--out", out.toString());

    assertThat(exit).as("a history line was unreadable").isEqualTo(1);
    assertThat(Files.readAllLines(out))
        .hasSize(2)
        .allSatisfy(
            event -> assertThat(EventJson.decode(event).getSubject()).isIn("TEE-BLK-M", "MUG-01"));
    List<String> rows = Files.readAllLines(dir.resolve("out/safety-stock.forecasts.jsonl"));
    // Two series, 28 days each by default.
    assertThat(rows).hasSize(2 * 28);
    JsonNode row = new ObjectMapper().readTree(rows.get(0));
    assertThat(row.get("forecast_date").asText()).isGreaterThanOrEqualTo("2026-10-31");
    assertThat(Files.readAllLines(dir.resolve("out/safety-stock.failures.jsonl")))
        .singleElement()
        .satisfies(failure -> assertThat(failure).contains("not JSON"));
  }

  private static String line(String sku, String channel, LocalDate date, int units) {
    return String.format(
        "{\"sku\":\"%s\",\"channel\":\"%s\",\"date\":\"%s\",\"units\":%d,\"unit_price\":4.5}",
        sku, channel, date, units);
  }
}
