package com.storewire.dataflow.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedTableScan;
import com.google.zetasql.resolvedast.ResolvedNodes.Visitor;
import com.storewire.catalog.EventTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table the deployed SQL reads (each analyst view, and the scheduled exports) is one that
 * terraform creates from the checked-in catalog export ({@code terraform/catalog/}, whose {@code
 * bigquery.tables} the bigquery module creates before any view). BigQuery refuses to create a view
 * over a table that does not exist yet, and a table a pipeline would create at run time does not
 * exist when terraform creates the views. The tables read are taken from ZetaSQL's resolved tree,
 * not from the text.
 */
class ViewTablesTest {

  private static final Path SQL = Path.of("src/main/resources/sql");
  private static final Path EXPORT =
      Path.of("..", "terraform", "catalog", "storewire-catalog.json");

  @Test
  void everyTableTheDeployedSqlReadsIsCreatedByTerraformFromTheCatalogExport() throws IOException {
    JsonNode bigquery = new ObjectMapper().readTree(EXPORT.toFile()).get("bigquery");
    // terraform fills ${dataset} with the export's dataset, the one the tables are created in.
    assertThat(bigquery.get("dataset").asText()).isEqualTo(EventTables.DATASET);
    Set<String> created = new TreeSet<>();
    bigquery.get("tables").forEach(t -> created.add(t.get("table").asText()));

    Map<String, Set<String>> reads = new TreeMap<>();
    for (Path file : deployedSql()) {
      String sql = StorewireTables.resolve(Files.readString(file, StandardCharsets.UTF_8));
      Set<String> tables = new TreeSet<>();
      for (ResolvedStatement statement : StorewireTables.analyse(sql)) {
        tables.addAll(tablesRead(statement));
      }
      reads.put(SQL.relativize(file).toString(), tables);
    }

    assertThat(reads).isNotEmpty().allSatisfy((file, tables) -> assertThat(tables).isNotEmpty());
    Map<String, Set<String>> missing = new TreeMap<>();
    reads.forEach(
        (file, tables) ->
            tables.stream()
                .filter(t -> !created.contains(t))
                .forEach(t -> missing.computeIfAbsent(file, f -> new TreeSet<>()).add(t)));
    assertThat(missing)
        .as("tables the deployed SQL reads that terraform does not create from %s", EXPORT)
        .isEmpty();
  }

  /** The table names (in the Storewire dataset) of every scan in the statement. */
  static Set<String> tablesRead(ResolvedStatement statement) {
    Set<String> tables = new TreeSet<>();
    String prefix = StorewireTables.PROJECT + "." + EventTables.DATASET + ".";
    statement.accept(
        new Visitor() {
          @Override
          public void visit(ResolvedTableScan scan) {
            String name = scan.getTable().getFullName();
            assertThat(name).as("tables are read from the Storewire dataset").startsWith(prefix);
            tables.add(name.substring(prefix.length()));
          }
        });
    return tables;
  }

  private static java.util.List<Path> deployedSql() throws IOException {
    try (Stream<Path> files = Files.walk(SQL)) {
      return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
  }
}
