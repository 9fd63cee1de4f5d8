package com.storewire.dataflow.sql;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every SQL terraform deploys (the analysts' views and the scheduled exports) filters each event
 * table on its partition column where BigQuery can prune with it: the tables are created with
 * {@code require_partition_filter}, so one that does not would be refused at its first query.
 */
class PartitionFilterTest {

  private static final Path SQL = Path.of("src/main/resources/sql");
  private static final String TABLE = "`${project}.${dataset}.order_placed`";

  @Test
  void everyDeployedQueryFiltersEveryPartitionedTable() throws IOException {
    List<Path> files;
    try (Stream<Path> sql = Files.walk(SQL)) {
      files = sql.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(ViewSqlTest.viewFiles().size());
    List<String> unfiltered = new ArrayList<>();
    for (Path file : files) {
      for (ResolvedStatement statement : analyse(Files.readString(file, StandardCharsets.UTF_8))) {
        PartitionFilters.unfiltered(statement)
            .forEach(scan -> unfiltered.add(SQL.relativize(file) + ": " + scan));
      }
    }
    assertThat(unfiltered).isEmpty();
  }

  @Test
  void aScanWithoutAPartitionFilterIsFound() {
    assertThat(unfiltered("SELECT order_id FROM " + TABLE + " WHERE channel = 'shopify'"))
        .containsExactly("order_placed is not filtered on event_time");
  }

  @Test
  void aDateFilterAfterDeduplicationDoesNotCount() {
    assertThat(
            unfiltered(
                "SELECT * FROM (SELECT o.order_id, o.event_time, ROW_NUMBER() OVER (PARTITION BY"
                    + " o.order_id ORDER BY o.event_time) AS duplicate_rank FROM "
                    + TABLE
                    + " AS o) WHERE duplicate_rank = 1 AND event_time >= TIMESTAMP '2026-01-01'"))
        .containsExactly("order_placed AS o is not filtered on event_time");
  }

  @Test
  void aDateFilterUnderTheScanCounts() {
    assertThat(
            unfiltered(
                "SELECT o.order_id FROM "
                    + TABLE
                    + " AS o JOIN `${project}.${dataset}.order_cancelled` AS c USING (order_id)"
                    + " WHERE o.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)"
                    + " AND c.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)"))
        .isEmpty();
  }

  private static List<String> unfiltered(String sql) {
    List<ResolvedStatement> statements = analyse(sql);
    assertThat(statements).hasSize(1);
    return PartitionFilters.unfiltered(statements.get(0));
  }

  private static List<ResolvedStatement> analyse(String sql) {
    return StorewireTables.analyse(StorewireTables.resolve(sql));
  }
}
