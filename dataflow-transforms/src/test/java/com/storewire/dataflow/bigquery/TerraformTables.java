package com.storewire.dataflow.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;

/**
 * The BigQuery tables as terraform creates them: from the checked-in catalog export ({@code
 * terraform/catalog/storewire-catalog.json} and its {@code bigquery/<table>.json} schema files),
 * day-partitioned and clustered as the bigquery module does. The pipelines never create a table, so
 * tests write into these, the tables production has.
 */
public final class TerraformTables {

  private static final Path CATALOG = Path.of("..", "terraform", "catalog");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TerraformTables() {}

  /** Every table of the export, created in the fake's dataset as terraform creates it. */
  public static void createAll(FakeDatasetService datasets, String project, String dataset)
      throws IOException, InterruptedException {
    for (JsonNode spec : export().get("bigquery").get("tables")) {
      datasets.createTable(table(spec, project, dataset));
    }
  }

  /** One table of the export, created in the fake's dataset as terraform creates it. */
  public static void create(
      FakeDatasetService datasets, String project, String dataset, String table)
      throws IOException, InterruptedException {
    datasets.createTable(table(spec(table), project, dataset));
  }

  /** The table's schema as terraform gives it to BigQuery: the export's schema file. */
  public static TableSchema schema(String table) {
    return readSchema(spec(table).get("schema_file").asText());
  }

  /**
   * Each column, nested ones under their parent, as {@code name TYPE MODE "description"}: two
   * schemas are the same table when these are equal (BigQuery has no description as "").
   */
  public static List<String> columns(TableSchema schema) {
    List<String> columns = new ArrayList<>();
    collect("", schema.getFields(), columns);
    return columns;
  }

  /**
   * What keeps a row from fitting the table terraform creates: each column it fills that the table
   * lacks, and each required column it leaves unset.
   */
  public static List<String> misfits(TableRow row, String table) {
    List<TableFieldSchema> columns = schema(table).getFields();
    List<String> misfits = new ArrayList<>();
    row.keySet().stream()
        .filter(name -> columns.stream().noneMatch(c -> c.getName().equals(name)))
        .forEach(name -> misfits.add("no column " + name));
    columns.stream()
        .filter(c -> "REQUIRED".equals(c.getMode()) && row.get(c.getName()) == null)
        .forEach(c -> misfits.add("required column " + c.getName() + " not set"));
    return misfits;
  }

  private static void collect(String parent, List<TableFieldSchema> fields, List<String> out) {
    for (TableFieldSchema field : fields) {
      String name = parent + field.getName();
      String description = field.getDescription() == null ? "" : field.getDescription();
      out.add(name + " " + field.getType() + " " + field.getMode() + " \"" + description + "\"");
      if (field.getFields() != null) {
        collect(name + ".", field.getFields(), out);
      }
    }
  }

  private static Table table(JsonNode spec, String project, String dataset) {
    List<String> clustering = new ArrayList<>();
    spec.get("clustering").forEach(c -> clustering.add(c.asText()));
    return new Table()
        .setTableReference(
            new TableReference()
                .setProjectId(project)
                .setDatasetId(dataset)
                .setTableId(spec.get("table").asText()))
        .setSchema(readSchema(spec.get("schema_file").asText()))
        .setTimePartitioning(
            new TimePartitioning()
                .setType(spec.get("partition_type").asText())
                .setField(spec.get("partition_field").asText()))
        .setRequirePartitionFilter(true)
        .setClustering(new Clustering().setFields(clustering));
  }

  private static JsonNode spec(String table) {
    for (JsonNode spec : export().get("bigquery").get("tables")) {
      if (spec.get("table").asText().equals(table)) {
        return spec;
      }
    }
    throw new AssertionError("terraform creates no table " + table + " (" + CATALOG + ")");
  }

  private static TableSchema readSchema(String file) {
    try {
      return new TableSchema().setFields(fields(JSON.readTree(CATALOG.resolve(file).toFile())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<TableFieldSchema> fields(JsonNode columns) {
    List<TableFieldSchema> fields = new ArrayList<>();
    for (JsonNode column : columns) {
      TableFieldSchema field =
          new TableFieldSchema()
              .setName(column.get("name").asText())
              .setType(column.get("type").asText())
              .setMode(column.get("mode").asText());
      if (column.has("description")) {
        field.setDescription(column.get("description").asText());
      }
      if (column.has("fields")) {
        field.setFields(fields(column.get("fields")));
      }
      fields.add(field);
    }
    return fields;
  }

  private static JsonNode export() {
    try {
      return JSON.readTree(CATALOG.resolve("storewire-catalog.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
