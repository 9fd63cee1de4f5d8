package com.storewire.catalog;

import com.storewire.events.EventType;
import java.util.List;
import java.util.Optional;

/**
 * A BigQuery table terraform creates from the catalog: one per event type, partitioned by day on
 * the event's own time, and the tables the pipelines write besides ({@link PipelineTables}); each
 * partitioned so analysts' date filters prune partitions, and clustered by what dashboards filter
 * on.
 *
 * @param eventType the event type whose rows it holds; empty for a pipeline's own table
 */
public record TableSpec(
    String dataset,
    String table,
    Optional<EventType> eventType,
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
