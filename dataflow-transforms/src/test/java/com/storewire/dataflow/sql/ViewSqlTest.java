package com.storewire.dataflow.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every analyst view analyses cleanly with BigQuery's dialect against the catalog's tables (each
 * event type's, {@code pipeline_failures} and the forecasting pipeline's {@code demand_forecasts}).
 * BigQuery has no emulator, so this is what catches a misspelt column or a type error before a view
 * is deployed.
 */
class ViewSqlTest {

  private static final Path VIEWS = Path.of("src/main/resources/sql/views");

  @Test
  void everyViewAnalysesAgainstTheCatalogTables() throws IOException {
    List<Path> views = viewFiles();
    assertThat(views).isNotEmpty();
    List<String> errors = new ArrayList<>();
    for (Path view : views) {
      String sql = StorewireTables.resolve(Files.readString(view, StandardCharsets.UTF_8));
      try {
        StorewireTables.analyse(sql);
      } catch (RuntimeException e) {
        errors.add(view.getFileName() + ": " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      fail(String.join("\n", errors));
    }
  }

  /**
   * A file holds the view's query alone: terraform names the view after the file and hands the
   * query to BigQuery as the view's definition, which takes no DDL.
   */
  @Test
  void everyViewFileIsOneQuery() throws IOException {
    for (Path view : viewFiles()) {
      List<ResolvedStatement> statements =
          StorewireTables.analyse(StorewireTables.resolve(Files.readString(view)));
      assertThat(statements).as(view.getFileName().toString()).hasSize(1);
      assertThat(statements.get(0))
          .as(view.getFileName().toString())
          .isInstanceOf(ResolvedQueryStmt.class);
    }
  }

  static List<Path> viewFiles() throws IOException {
    try (Stream<Path> files = Files.list(VIEWS)) {
      return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
  }
}
