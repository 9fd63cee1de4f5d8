package com.storewire.dataflow.failures;

import com.google.api.services.bigquery.model.TableRow;
import com.storewire.catalog.BigQueryField;
import java.util.List;

/**
 * The one table every pipeline's failures land in, whatever the step: a fixed schema, defined here
 * only, partitioned by day on when it failed and clustered by pipeline and step, so "what failed
 * today in the normaliser" reads one partition.
 */
public final class PipelineFailures {

  public static final String TABLE = "pipeline_failures";
  public static final String PARTITION_FIELD = "failed_at";
  public static final List<String> CLUSTERING = List.of("pipeline", "step", "vendor");

  public static final List<BigQueryField> SCHEMA =
      List.of(
          BigQueryField.of("failed_at", "TIMESTAMP", "REQUIRED", "When the step refused it."),
          BigQueryField.of("pipeline", "STRING", "REQUIRED", "The pipeline's job name."),
          BigQueryField.of("step", "STRING", "REQUIRED", "The step that refused it."),
          BigQueryField.of("vendor", "STRING", "NULLABLE", "The vendor it came from, if known."),
          BigQueryField.of("vendor_topic", "STRING", "NULLABLE", "The vendor's topic, if known."),
          BigQueryField.of(
              "source_event_id", "STRING", "NULLABLE", "The carrying event or message id."),
          BigQueryField.of("error", "STRING", "REQUIRED", "Why it was refused."),
          BigQueryField.of("field", "STRING", "NULLABLE", "The field to blame, if one is."),
          BigQueryField.of("raw_body", "STRING", "NULLABLE", "The record as received."));

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
