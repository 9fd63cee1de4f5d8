package com.storewire.dataflow.failures;

import com.google.api.services.bigquery.model.TableRow;
import com.storewire.catalog.BigQueryField;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.PipelineTables;
import com.storewire.catalog.TableSpec;
import java.util.List;

/**
 * The one table every pipeline's failures land in, whatever the step: the catalog's {@value
 * PipelineTables#PIPELINE_FAILURES} (terraform creates it from the catalog export; the pipelines
 * only append), partitioned by day on when it failed and clustered by pipeline and step, so "what
 * failed today in the normaliser" reads one partition.
 */
public final class PipelineFailures {

  public static final String TABLE = PipelineTables.PIPELINE_FAILURES;

  /** The catalog's table: name, partitioning, clustering and schema. */
  public static final TableSpec SPEC = Catalog.storewire().table(TABLE);

  public static final String PARTITION_FIELD = SPEC.partitionField();
  public static final List<String> CLUSTERING = SPEC.clustering();
  public static final List<BigQueryField> SCHEMA = SPEC.schema();

  private PipelineFailures() {}

  public static TableRow row(PipelineFailure failure) {
    TableRow row =
        new TableRow()
            .set("failed_at", failure.failedAt().toString())
            .set("pipeline", failure.pipeline())
            .set("step", failure.step())
            .set("error", failure.error());
    putIfPresent(row, "vendor", failure.vendor());
    putIfPresent(row, "vendor_topic", failure.vendorTopic());
    putIfPresent(row, "source_event_id", failure.sourceEventId());
    putIfPresent(row, "field", failure.field());
    putIfPresent(row, "raw_body", failure.rawBody());
    return row;
  }

  private static void putIfPresent(TableRow row, String column, String value) {
    if (value != null) {
      row.set(column, value);
    }
  }
}
