package com.storewire.dataflow.sql;

import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedNode;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnRef;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFilterScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedTableScan;
import com.google.zetasql.resolvedast.ResolvedNodes.Visitor;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventTables;
import com.storewire.catalog.TableSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What BigQuery's {@code require_partition_filter} asks of a query, checked on ZetaSQL's resolved
 * tree: every scan of a catalog table is filtered on that table's partition column before any
 * window function or aggregation above it (BigQuery cannot push a filter through {@code
 * ROW_NUMBER() OVER (PARTITION BY order_id)}, so a date filter applied after de-duplication scans
 * every partition, and the table refuses the query). Terraform creates every catalog table (the
 * event tables and the pipelines' own) with that requirement, so a view or export that fails here
 * fails in production at its first query.
 */
final class PartitionFilters {

  private static final Map<String, String> PARTITION_COLUMNS =
      Catalog.storewire().tables().stream()
          .collect(
              Collectors.toMap(
                  t -> StorewireTables.PROJECT + "." + EventTables.DATASET + "." + t.table(),
                  TableSpec::partitionField));

  private PartitionFilters() {}

  /** Each scan of a partitioned table that no filter on its partition column guards, described. */
  static List<String> unfiltered(ResolvedStatement statement) {
    List<String> unfiltered = new ArrayList<>();
    statement.accept(
        new Visitor() {
          private final Deque<ResolvedNode> ancestors = new ArrayDeque<>();

          @Override
          protected void defaultVisit(ResolvedNode node) {
            ancestors.push(node);
            super.defaultVisit(node);
            ancestors.pop();
          }

          @Override
          public void visit(ResolvedTableScan scan) {
            String table = scan.getTable().getFullName();
            String partitionColumn = PARTITION_COLUMNS.get(table);
            if (partitionColumn != null && !guarded(scan, partitionColumn, ancestors)) {
              unfiltered.add(
                  table.substring(table.lastIndexOf('.') + 1)
                      + (scan.getAlias().isEmpty() ? "" : " AS " + scan.getAlias())
                      + " is not filtered on "
                      + partitionColumn);
            }
          }
        });
    return unfiltered;
  }

  /**
   * Whether a filter between the scan and the first window or aggregation above it (ancestors,
   * innermost first) reads the scan's partition column.
   */
  private static boolean guarded(
      ResolvedTableScan scan, String partitionColumn, Deque<ResolvedNode> ancestors) {
    Set<ResolvedColumn> partition = new HashSet<>();
    scan.getColumnList().stream()
        .filter(c -> c.getName().equals(partitionColumn))
        .forEach(partition::add);
    if (partition.isEmpty()) {
      return false;
    }
    for (ResolvedNode ancestor : ancestors) {
      if (ancestor instanceof ResolvedAnalyticScan || ancestor instanceof ResolvedAggregateScan) {
        return false;
      }
      if (ancestor instanceof ResolvedFilterScan filter
          && reads(filter.getFilterExpr(), partition)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reads(ResolvedNode expression, Set<ResolvedColumn> columns) {
    boolean[] found = {false};
    expression.accept(
        new Visitor() {
          @Override
          public void visit(ResolvedColumnRef ref) {
            found[0] |= columns.contains(ref.getColumn());
          }
        });
    return found[0];
  }
}
