package com.storewire.catalog;

import com.storewire.events.EventType;
import java.util.List;

/**
 * The BigQuery table one event type lands in: partitioned by day on the event's own time, so
 * analysts' date filters prune partitions, and clustered by what dashboards filter on.
 */
public record TableSpec(
    String dataset,
    String table,
    EventType eventType,
    String partitionField,
    String partitionType,
    List<String> clustering,
    List<BigQueryField> schema) {

  public TableSpec {
    clustering = List.copyOf(clustering);
    schema = List.copyOf(schema);
  }

  public String qualifiedName() {
    return dataset + "." + table;
  }
}
