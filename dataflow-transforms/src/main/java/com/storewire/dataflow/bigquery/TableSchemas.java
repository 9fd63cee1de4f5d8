package com.storewire.dataflow.bigquery;

import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import com.storewire.catalog.BigQueryField;
import java.util.List;

/**
 * The catalog's columns ({@link BigQueryField}, generated from the event schema) in the form
 * BigQueryIO takes: translated, never retyped, so a table cannot drift from its event type.
 */
public final class TableSchemas {

  private TableSchemas() {}

  public static TableSchema of(List<BigQueryField> columns) {
    return new TableSchema().setFields(fields(columns));
  }

  /** Day partitions on the given time column, so date filters prune what a query scans. */
  public static TimePartitioning dailyOn(String field) {
    return new TimePartitioning().setType("DAY").setField(field);
  }

  public static Clustering clusteredBy(List<String> fields) {
    return new Clustering().setFields(List.copyOf(fields));
  }

  private static List<TableFieldSchema> fields(List<BigQueryField> columns) {
    return columns.stream().map(TableSchemas::field).toList();
  }

  private static TableFieldSchema field(BigQueryField column) {
    TableFieldSchema field =
        new TableFieldSchema()
            .setName(column.name())
            .setType(column.type())
            .setMode(column.mode())
            .setDescription(column.description());
    if (!column.fields().isEmpty()) {
      field.setFields(fields(column.fields()));
    }
    return field;
  }
}
