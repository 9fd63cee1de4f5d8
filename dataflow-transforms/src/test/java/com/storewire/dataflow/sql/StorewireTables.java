package com.storewire.dataflow.sql;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.StructType;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.google.zetasql.toolkit.ZetaSQLToolkitAnalyzer;
import com.google.zetasql.toolkit.catalog.bigquery.BigQueryCatalog;
import com.google.zetasql.toolkit.catalog.io.CatalogResources;
import com.google.zetasql.toolkit.options.BigQueryLanguageOptions;
import com.storewire.catalog.BigQueryField;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventTables;
import com.storewire.catalog.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BigQuery tables Storewire's SQL may read, for analysing that SQL with BigQuery's dialect
 * (ZetaSQL), since BigQuery has no emulator: the catalog's tables (each event type's, {@code
 * pipeline_failures} and the forecasting pipeline's {@code demand_forecasts}), exactly the tables
 * terraform creates. SQL files name them as {@code ${project}.${dataset}.<table>}, the placeholders
 * terraform fills in.
 */
final class StorewireTables {

  static final String PROJECT = "storewire-test";

  private static final Map<String, List<ResolvedStatement>> ANALYSED = new ConcurrentHashMap<>();
  private static ZetaSQLToolkitAnalyzer analyser;
  private static BigQueryCatalog tables;

  private StorewireTables() {}

  /** The SQL with the project and dataset placeholders filled in as terraform fills them. */
  static String resolve(String sql) {
    return sql.replace("${project}", PROJECT).replace("${dataset}", EventTables.DATASET);
  }

  /**
   * Every statement of the SQL that resolves (script control statements do not); a table not among
   * these is an error. Each text is analysed once per test JVM, with one analyser and one catalog:
   * ZetaSQL's in-process service has been seen to drop its connection ("end-of-stream mid-frame")
   * when many are set up one after another. The SQL here is queries and exports only, so one
   * statement cannot define a table another relies on.
   */
  static List<ResolvedStatement> analyse(String sql) {
    return ANALYSED.computeIfAbsent(sql, StorewireTables::analyseOnce);
  }

  private static synchronized List<ResolvedStatement> analyseOnce(String sql) {
    if (analyser == null) {
      AnalyzerOptions options = new AnalyzerOptions();
      options.setLanguageOptions(BigQueryLanguageOptions.get());
      analyser = new ZetaSQLToolkitAnalyzer(options);
      tables = catalog();
    }
    List<ResolvedStatement> statements = new ArrayList<>();
    analyser
        .analyzeStatements(sql, tables)
        .forEachRemaining(statement -> statement.getResolvedStatement().ifPresent(statements::add));
    return List.copyOf(statements);
  }

  private static BigQueryCatalog catalog() {
    List<SimpleTable> tables = new ArrayList<>();
    for (TableSpec spec : Catalog.storewire().tables()) {
      tables.add(table(spec.table(), spec.schema()));
    }
    BigQueryCatalog catalog =
        BigQueryCatalog.usingResources(
            PROJECT, new CatalogResources(tables, List.of(), List.of(), List.of()));
    catalog.addTables(tables.stream().map(SimpleTable::getFullName).toList());
    return catalog;
  }

  private static SimpleTable table(String name, List<BigQueryField> schema) {
    String fullName = PROJECT + "." + EventTables.DATASET + "." + name;
    List<SimpleColumn> columns =
        schema.stream().map(f -> new SimpleColumn(fullName, f.name(), type(f))).toList();
    SimpleTable table = new SimpleTable(fullName, columns);
    table.setFullName(fullName);
    return table;
  }

  /** BigQuery's column types as ZetaSQL's: REPEATED is an array, RECORD a struct. */
  private static Type type(BigQueryField field) {
    Type element =
        switch (field.type()) {
          case "STRING" -> TypeFactory.createSimpleType(TypeKind.TYPE_STRING);
          case "INTEGER" -> TypeFactory.createSimpleType(TypeKind.TYPE_INT64);
          case "FLOAT" -> TypeFactory.createSimpleType(TypeKind.TYPE_DOUBLE);
          case "BOOLEAN" -> TypeFactory.createSimpleType(TypeKind.TYPE_BOOL);
          case "TIMESTAMP" -> TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP);
          case "DATE" -> TypeFactory.createSimpleType(TypeKind.TYPE_DATE);
          case "BYTES" -> TypeFactory.createSimpleType(TypeKind.TYPE_BYTES);
          case "RECORD" ->
              TypeFactory.createStructType(
                  field.fields().stream()
                      .map(f -> new StructType.StructField(f.name(), type(f)))
                      .toList());
          default -> throw new IllegalArgumentException("no ZetaSQL type for " + field.type());
        };
    return "REPEATED".equals(field.mode()) ? TypeFactory.createArrayType(element) : element;
  }
}
