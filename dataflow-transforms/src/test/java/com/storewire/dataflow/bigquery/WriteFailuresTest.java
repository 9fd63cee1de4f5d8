package com.storewire.dataflow.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableRow;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.dataflow.failures.PipelineFailures;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;

/**
 * Failures land in pipeline_failures, the table terraform creates from the catalog export: the
 * write carries exactly that table's schema and never creates a table of its own.
 */
public class WriteFailuresTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final PipelineFailure FAILURE =
      new PipelineFailure(
          Instant.parse("2026-11-30T10:15:00Z"),
          "normalise-vendor-events",
          "ParseVendorPayload",
          "shopify",
          "orders/create",
          "raw-1",
          "currency: required field is missing",
          "currency",
          "{\"id\":1}");

  @Test
  public void failuresLandWithBodyVendorAndField() throws Exception {
    FakeBigQuery bigQuery = new FakeBigQuery();
    PipelineFailure withoutVendor =
        new PipelineFailure(
            Instant.parse("2026-11-30T10:16:00Z"),
            "stream-events-to-bigquery",
            "DecodeEventJson",
            null,
            null,
            "m-9",
            "$: expected a JSON object",
            "$",
            "nope");
    pipeline
        .apply(Create.of(List.of(FAILURE, withoutVendor)))
        .apply(
            WriteFailures.to(FakeBigQuery.PROJECT, bigQuery.dataset)
                .withBigQueryServices(bigQuery.services));
    pipeline.run().waitUntilFinish();

    List<TableRow> rows = bigQuery.rows(PipelineFailures.TABLE);
    assertThat(rows)
        .extracting(r -> r.get("source_event_id"))
        .containsExactlyInAnyOrder("raw-1", "m-9");
    TableRow shopify =
        rows.stream().filter(r -> "raw-1".equals(r.get("source_event_id"))).findFirst().get();
    assertThat(shopify.get("vendor")).isEqualTo("shopify");
    assertThat(shopify.get("field")).isEqualTo("currency");
    assertThat(shopify.get("raw_body")).isEqualTo("{\"id\":1}");

    // Still terraform's table: same schema, day partitions on the failure time, same clustering.
    Table table = bigQuery.table(PipelineFailures.TABLE);
    assertThat(TerraformTables.columns(table.getSchema()))
        .isEqualTo(TerraformTables.columns(TerraformTables.schema(PipelineFailures.TABLE)));
    assertThat(table.getTimePartitioning().getField()).isEqualTo("failed_at");
    assertThat(table.getClustering().getFields()).isEqualTo(PipelineFailures.CLUSTERING);
  }

  /** The schema the write gives BigQuery is the one terraform created the table with. */
  @Test
  public void theWriteCarriesTheSchemaTerraformCreatesTheTableWith() {
    BigQueryIO.Write<TableRow> write =
        WriteFailures.appendTo(FakeBigQuery.PROJECT, "storewire_events", null);
    assertThat(TerraformTables.columns(PipelineTableWrites.schema(write)))
        .isEqualTo(TerraformTables.columns(TerraformTables.schema(PipelineFailures.TABLE)));
    assertThat(PipelineTableWrites.createDisposition(write)).isEqualTo("CREATE_NEVER");
  }

  /** Every column a row fills is one of the table's, and every required column is filled. */
  @Test
  public void aRowFillsTheTablesColumns() {
    assertThat(TerraformTables.misfits(PipelineFailures.row(FAILURE), PipelineFailures.TABLE))
        .isEmpty();
    assertThat(TerraformTables.misfits(new TableRow().set("nope", 1), PipelineFailures.TABLE))
        .contains("no column nope", "required column failed_at not set");
  }

  @Test
  public void aMissingTableIsNotCreated() throws Exception {
    FakeBigQuery bigQuery = FakeBigQuery.withoutTables();
    pipeline
        .apply(Create.of(List.of(FAILURE)))
        .apply(
            WriteFailures.to(FakeBigQuery.PROJECT, bigQuery.dataset)
                .withBigQueryServices(bigQuery.services));

    assertThatThrownBy(() -> pipeline.run().waitUntilFinish()).isNotNull();
    assertThat(bigQuery.table(PipelineFailures.TABLE)).isNull();
  }
}
