package com.storewire.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.EventSchema;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogExportTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Catalog catalog = Catalog.storewire();

  @Test
  void theBuildExportedTheCurrentCatalog() throws Exception {
    try (InputStream built = getClass().getResourceAsStream("/catalog/storewire-catalog.json")) {
      assertThat(built).as("catalog/storewire-catalog.json on the classpath").isNotNull();
      assertThat(new String(built.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(CatalogJson.render(catalog));
    }
  }

  @Test
  void exportNamesEveryTopicSubscriptionAndTable(@TempDir Path directory) throws Exception {
    CatalogExport.export(catalog, directory);

    JsonNode root = MAPPER.readTree(directory.resolve(CatalogExport.CATALOG_FILE).toFile());
    List<String> topics = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    root.get("topics")
        .forEach(
            topic -> {
              topics.add(topic.get("name").asText());
              topic.get("subscriptions").forEach(s -> subscriptions.add(s.get("name").asText()));
              topic
                  .get("subscriptions")
                  .forEach(s -> assertThat(s.get("dead_letter_topic").asText()).isNotBlank());
            });
    assertThat(topics)
        .containsExactlyElementsOf(catalog.topics().stream().map(TopicSpec::name).toList());
    assertThat(subscriptions)
        .containsExactlyElementsOf(
            catalog.subscriptions().stream().map(SubscriptionSpec::name).toList());
    assertThat(root.get("bigquery").get("tables")).hasSize(catalog.tables().size());

    for (JsonNode table : root.get("bigquery").get("tables")) {
      JsonNode schema =
          MAPPER.readTree(directory.resolve(table.get("schema_file").asText()).toFile());
      assertThat(schema.isArray()).isTrue();
      TableSpec spec = catalog.table(table.get("table").asText());
      List<String> columns = new ArrayList<>();
      schema.forEach(column -> columns.add(column.get("name").asText()));
      assertThat(columns)
          .containsExactlyElementsOf(spec.schema().stream().map(BigQueryField::name).toList());
      if (spec.eventType().isPresent()) {
        assertThat(table.get("event_type").asText()).isEqualTo(spec.eventType().get().ceType());
        assertThat(schema.findValuesAsText("name")).contains("event_id", "event_time", "subject");
      } else {
        assertThat(table.has("event_type")).as(spec.table()).isFalse();
      }
    }
  }

  /** The pipelines' own tables are exported like the event tables, so terraform creates them. */
  @Test
  void exportDeclaresThePipelinesOwnTables(@TempDir Path directory) throws Exception {
    CatalogExport.export(catalog, directory);

    JsonNode tables =
        MAPPER
            .readTree(directory.resolve(CatalogExport.CATALOG_FILE).toFile())
            .get("bigquery")
            .get("tables");
    List<String> names = new ArrayList<>();
    tables.forEach(t -> names.add(t.get("table").asText()));
    assertThat(names).contains(PipelineTables.PIPELINE_FAILURES, PipelineTables.DEMAND_FORECASTS);
    for (JsonNode table : tables) {
      if (table.get("table").asText().equals(PipelineTables.DEMAND_FORECASTS)) {
        assertThat(table.get("partition_field").asText()).isEqualTo("forecast_date");
      }
      if (table.get("table").asText().equals(PipelineTables.PIPELINE_FAILURES)) {
        assertThat(table.get("partition_field").asText()).isEqualTo("failed_at");
      }
    }
  }

  @Test
  void exportedAvroSchemaIsTheCurrentSchema(@TempDir Path directory) throws Exception {
    CatalogExport.export(catalog, directory);

    Schema exported =
        new Schema.Parser()
            .parse(Files.readString(directory.resolve(CatalogExport.AVRO_SCHEMA_FILE)));

    assertThat(exported).isEqualTo(EventSchema.current());
  }
}
