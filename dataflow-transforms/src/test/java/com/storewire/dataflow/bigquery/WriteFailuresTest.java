package com.storewire.dataflow.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableRow;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.dataflow.failures.PipelineFailures;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Failures land in pipeline_failures, created from its one schema, partitioned by failure day. */
public class WriteFailuresTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private FakeBigQuery bigQuery;

  @Before
  public void createDataset() throws Exception {
    bigQuery = new FakeBigQuery();
  }

  @Test
  public void failuresLandWithBodyVendorAndField() throws Exception {
    PipelineFailure failure =
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
        .apply(Create.of(List.of(failure, withoutVendor)))
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

    Table table = bigQuery.table(PipelineFailures.TABLE);
    assertThat(table.getSchema()).isEqualTo(TableSchemas.of(PipelineFailures.SCHEMA));
    assertThat(table.getTimePartitioning().getField()).isEqualTo("failed_at");
    assertThat(table.getClustering().getFields()).isEqualTo(PipelineFailures.CLUSTERING);
  }
}
