package com.storewire.dataflow.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableRow;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.TableSpec;
import com.storewire.dataflow.events.EventCoder;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.samples.SampleEvents;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Every event type lands in its catalog table, the one terraform creates with the catalog's schema,
 * day partitions on the event time and clustering; rows BigQuery refuses come back as failures.
 */
public class WriteEventsToTablesTest {

  private static final Instant PUBLISHED = Instant.parse("2026-11-27T09:00:01.000Z");

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private FakeBigQuery bigQuery;

  @Before
  public void createDataset() throws Exception {
    bigQuery = new FakeBigQuery();
  }

  private PCollection<PipelineFailure> write(List<Event> events) {
    List<TimestampedValue<Event>> published =
        events.stream().map(e -> TimestampedValue.of(e, PUBLISHED)).toList();
    return pipeline
        .apply(Create.timestamped(published).withCoder(EventCoder.of()))
        .apply(
            WriteEventsToTables.to("bigquery-test", FakeBigQuery.PROJECT, bigQuery.dataset)
                .withBigQueryServices(bigQuery.services));
  }

  @Test
  public void everyEventTypeLandsInItsCatalogTable() throws Exception {
    List<Event> events = Arrays.stream(EventType.values()).map(SampleEvents::of).toList();
    PAssert.that(write(events)).empty();
    pipeline.run().waitUntilFinish();

    for (EventType type : EventType.values()) {
      TableSpec spec = Catalog.storewire().tableFor(type);
      List<TableRow> rows = bigQuery.rows(spec.table());
      assertThat(rows).as(spec.table()).hasSize(1);
      assertThat(rows.get(0).get("event_id")).isEqualTo("evt-" + type.snakeName());
      assertThat(rows.get(0).get("event_type")).isEqualTo(type.ceType());

      // Terraform's table, as the catalog defines it, untouched by the write.
      Table table = bigQuery.table(spec.table());
      assertThat(TerraformTables.columns(table.getSchema()))
          .isEqualTo(TerraformTables.columns(TableSchemas.of(spec.schema())));
      assertThat(table.getTimePartitioning().getField()).isEqualTo("event_time");
      assertThat(table.getTimePartitioning().getType()).isEqualTo("DAY");
      assertThat(table.getClustering().getFields()).isEqualTo(spec.clustering());
    }
  }

  @Test
  public void nestedRecordsAndRepeatedFieldsArriveWhole() throws Exception {
    PAssert.that(write(List.of(SampleEvents.of(EventType.ORDER_PLACED)))).empty();
    pipeline.run().waitUntilFinish();

    TableRow row = bigQuery.rows("order_placed").get(0);
    assertThat(row.get("channel")).isEqualTo("shopify");
    assertThat((List<?>) row.get("lines")).hasSize(2);
    assertThat(row.get("total").toString()).contains("5248").contains("USD");
    assertThat(row.get("publish_time")).isNotNull();
  }

  @Test
  public void rowsBigQueryRefusesBecomeFailures() throws Exception {
    bigQuery.datasets.setShouldFailRow(
        (Function<TableRow, Boolean> & Serializable)
            row -> "evt-order_cancelled".equals(row.get("event_id")));
    PAssert.that(
            write(
                List.of(
                    SampleEvents.of(EventType.ORDER_PLACED),
                    SampleEvents.of(EventType.ORDER_CANCELLED))))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .singleElement()
                  .satisfies(
                      f -> {
                        assertThat(f.sourceEventId()).isEqualTo("evt-order_cancelled");
                        assertThat(f.step()).isEqualTo(WriteEventsToTables.STEP);
                        assertThat(f.rawBody()).contains("ord-");
                      });
              return null;
            });
    pipeline.run().waitUntilFinish();

    assertThat(bigQuery.rows("order_placed")).hasSize(1);
  }
}
