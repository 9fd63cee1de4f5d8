package com.storewire.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.TableSpec;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithEmulators
class FoundationDemoTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyEventReachesBigQueryRowsAndThePoisonMessageIsParked(
      Emulators emulators, TestProject project, @TempDir Path out) throws Exception {
    FoundationDemo demo =
        new FoundationDemo(new PubSubRest(emulators.pubsub().hostPort()), project.id(), out);

    Map<String, Object> report = demo.run();

    assertThat(demo.failures()).isEmpty();
    for (TableSpec table : Catalog.storewire().tables()) {
      Path rows = out.resolve("bigquery").resolve(table.table() + ".jsonl");
      List<String> lines = Files.readAllLines(rows);
      assertThat(lines).as(table.table()).hasSize(1);
      JsonNode row = JSON.readTree(lines.get(0));
      assertThat(row.get("event_type").asText()).isEqualTo(table.eventType().ceType());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> deadLetter = (Map<String, Object>) report.get("dead_letter");
    assertThat(deadLetter)
        .containsEntry("deliveries_refused", 5)
        .containsEntry("parked", 1)
        .containsEntry("delivery_count_attribute", "5");
    assertThat((String) deadLetter.get("refusal")).contains("malformed JSON");
    assertThat(JSON.readTree(out.resolve("report.json").toFile()).get("failures")).isEmpty();
  }
}
