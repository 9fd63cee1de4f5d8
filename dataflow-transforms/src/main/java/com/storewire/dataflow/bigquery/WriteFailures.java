package com.storewire.dataflow.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.dataflow.failures.PipelineFailures;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Appends failures to the catalog's {@code pipeline_failures}, which terraform creates; the rows
 * are written with the catalog's schema and the table is never created here.
 */
public final class WriteFailures extends PTransform<PCollection<PipelineFailure>, WriteResult> {

  private final String project;
  private final String dataset;
  private final BigQueryServices services;

  private WriteFailures(String project, String dataset, BigQueryServices services) {
    this.project = project;
    this.dataset = dataset;
    this.services = services;
  }

  public static WriteFailures to(String project, String dataset) {
    return new WriteFailures(project, dataset, null);
  }

  /** Beam's fake dataset services instead of BigQuery, for tests. */
  public WriteFailures withBigQueryServices(BigQueryServices testServices) {
    return new WriteFailures(project, dataset, testServices);
  }

  @Override
  public WriteResult expand(PCollection<PipelineFailure> failures) {
    return failures
        .apply(
            "FailureToRow",
            MapElements.into(TypeDescriptor.of(TableRow.class)).via(PipelineFailures::row))
        .setCoder(TableRowJsonCoder.of())
        .apply("AppendToPipelineFailures", appendTo(project, dataset, services));
  }

  /** The write: rows with the catalog's schema, appended to the table terraform created. */
  static BigQueryIO.Write<TableRow> appendTo(
      String project, String dataset, BigQueryServices services) {
    return StorageWrites.configure(
        BigQueryIO.writeTableRows()
            .to(project + ":" + dataset + "." + PipelineFailures.TABLE)
            .withSchema(TableSchemas.of(PipelineFailures.SCHEMA)),
        services);
  }
}
