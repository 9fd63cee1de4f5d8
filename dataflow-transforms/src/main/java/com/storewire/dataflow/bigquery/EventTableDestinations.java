package com.storewire.dataflow.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.TableSpec;
import com.storewire.events.EventType;
import org.apache.beam.sdk.io.gcp.bigquery.DynamicDestinations;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.values.ValueInSingleWindow;

/**
 * Each row to its event type's table as the catalog defines it: name, schema, day partitions on the
 * event time and clustering. The destination is the catalog's table name, read from the row's
 * {@code event_type}.
 */
final class EventTableDestinations extends DynamicDestinations<TableRow, String> {

  private final String project;
  private final String dataset;

  EventTableDestinations(String project, String dataset) {
    this.project = project;
    this.dataset = dataset;
  }

  @Override
  public String getDestination(ValueInSingleWindow<TableRow> row) {
    String ceType = (String) row.getValue().get("event_type");
    return tableSpec(ceType).table();
  }

  @Override
  public TableDestination getTable(String table) {
    TableSpec spec = byTable(table);
    return new TableDestination(
        project + ":" + dataset + "." + spec.table(),
        "Storewire " + spec.eventType().orElseThrow().ceType() + " events, one row per event.",
        TableSchemas.dailyOn(spec.partitionField()),
        TableSchemas.clusteredBy(spec.clustering()));
  }

  @Override
  public TableSchema getSchema(String table) {
    return TableSchemas.of(byTable(table).schema());
  }

  private static TableSpec tableSpec(String ceType) {
    EventType type =
        EventType.ofCeType(ceType)
            .orElseThrow(() -> new IllegalArgumentException("not an event type: " + ceType));
    return Catalog.storewire().tableFor(type);
  }

  private static TableSpec byTable(String table) {
    return Catalog.storewire().tables().stream()
        .filter(t -> t.table().equals(table))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a catalog table: " + table));
  }
}
