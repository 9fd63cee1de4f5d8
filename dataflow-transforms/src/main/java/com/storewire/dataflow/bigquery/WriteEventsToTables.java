package com.storewire.dataflow.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import com.storewire.catalog.EventTables;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.events.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Every event into its catalog table through the Storage Write API (see {@link StorageWrites} for
 * why at least once), rows made by {@link EventTables#row} so a row and its table's schema come
 * from one mapping. The event's timestamp, which PubsubIO sets to the publish time, fills {@code
 * publish_time}. Rows BigQuery refuses come back as failures of step {@value #STEP}.
 */
public final class WriteEventsToTables
    extends PTransform<PCollection<Event>, PCollection<PipelineFailure>> {

  public static final String STEP = "AppendToEventTables";

  private final String pipeline;
  private final String project;
  private final String dataset;
  private final BigQueryServices services;

  private WriteEventsToTables(
      String pipeline, String project, String dataset, BigQueryServices services) {
    this.pipeline = pipeline;
    this.project = project;
    this.dataset = dataset;
    this.services = services;
  }

  /** Tables in {@code project:dataset}; failures recorded as {@code pipeline}'s. */
  public static WriteEventsToTables to(String pipeline, String project, String dataset) {
    return new WriteEventsToTables(pipeline, project, dataset, null);
  }

  /** Beam's fake dataset services instead of BigQuery, for tests. */
  public WriteEventsToTables withBigQueryServices(BigQueryServices testServices) {
    return new WriteEventsToTables(pipeline, project, dataset, testServices);
  }

  @Override
  public PCollection<PipelineFailure> expand(PCollection<Event> events) {
    WriteResult written =
        events
            .apply("EventToRow", ParDo.of(new ToRowFn()))
            .setCoder(TableRowJsonCoder.of())
            .apply(
                STEP,
                StorageWrites.configure(
                    BigQueryIO.writeTableRows().to(new EventTableDestinations(project, dataset)),
                    services));
    return written
        .getFailedStorageApiInserts()
        .apply(
            "RefusedRowToFailure",
            MapElements.into(TypeDescriptor.of(PipelineFailure.class))
                .via(error -> failure(pipeline, error)));
  }

  private static PipelineFailure failure(String pipeline, BigQueryStorageApiInsertError error) {
    TableRow row = error.getRow();
    return new PipelineFailure(
        Instant.now(),
        pipeline,
        STEP,
        null,
        null,
        (String) row.get("event_id"),
        "BigQuery refused the row for "
            + (error.getTable() == null ? "its table" : error.getTable().getTableId())
            + ": "
            + error.getErrorMessage(),
        null,
        row.toString());
  }

  private static final class ToRowFn extends DoFn<Event, TableRow> {
    @ProcessElement
    public void process(
        @Element Event event,
        @Timestamp org.joda.time.Instant published,
        OutputReceiver<TableRow> out) {
      Instant publishTime = Instant.ofEpochMilli(published.getMillis());
      out.output(tableRow(EventTables.row(event, publishTime)));
    }
  }

  /**
   * The catalog's row as a TableRow: nested records as TableRows too, and no null cells, which the
   * Storage Write API reads as "not set".
   */
  static TableRow tableRow(Map<String, Object> cells) {
    TableRow row = new TableRow();
    cells.forEach(
        (column, value) -> {
          if (value != null) {
            row.set(column, cell(value));
          }
        });
    return row;
  }

  @SuppressWarnings("unchecked")
  private static Object cell(Object value) {
    if (value instanceof Map<?, ?> nested) {
      return tableRow((Map<String, Object>) nested);
    } else if (value instanceof List<?> list) {
      return list.stream().map(WriteEventsToTables::cell).toList();
    }
    return value;
  }
}
