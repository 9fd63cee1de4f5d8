package com.storewire.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The BigQuery tables the Dataflow pipelines write besides the event tables: what a pipeline
 * refused ({@value #PIPELINE_FAILURES}) and the daily demand forecast ({@value #DEMAND_FORECASTS}).
 * They are catalog tables like the event tables, so terraform creates them (before the views that
 * read them) and the pipelines only append to them, never creating a table of their own.
 */
public final class PipelineTables {

  /** Every pipeline's failures, whatever the step. */
  public static final String PIPELINE_FAILURES = "pipeline_failures";

  /** One row per SKU, channel and forecast day of each forecast run. */
  public static final String DEMAND_FORECASTS = "demand_forecasts";

  private PipelineTables() {}

  /**
   * Partitioned by day on when it failed and clustered by pipeline and step, so "what failed today
   * in the normaliser" reads one partition.
   */
  static TableSpec pipelineFailures() {
    return table(
        PIPELINE_FAILURES,
        "failed_at",
        List.of("pipeline", "step", "vendor"),
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
            BigQueryField.of("raw_body", "STRING", "NULLABLE", "The record as received.")));
  }

  /**
   * Partitioned by the day forecast, so a view over past days reads only their partitions, and
   * clustered like the event tables by channel, then SKU. Its columns are a contract with the SQL
   * that reads them. {@code lower_units} and {@code upper_units} bound an 80 % prediction interval;
   * {@code generated_at} tells runs apart, so readers take each SKU's latest.
   */
  static TableSpec demandForecasts() {
    return table(
        DEMAND_FORECASTS,
        "forecast_date",
        List.of("channel", "sku"),
        List.of(
            BigQueryField.of("sku", "STRING", "REQUIRED", "The SKU forecast."),
            BigQueryField.of(
                "channel", "STRING", "REQUIRED", "The channel, or 'all' for every channel."),
            BigQueryField.of("forecast_date", "DATE", "REQUIRED", "The day forecast (UTC)."),
            BigQueryField.of("method", "STRING", "REQUIRED", "The forecasting method chosen."),
            BigQueryField.of("forecast_units", "FLOAT", "REQUIRED", "Units expected that day."),
            BigQueryField.of(
                "lower_units", "FLOAT", "REQUIRED", "Lower bound of the 80 % interval."),
            BigQueryField.of(
                "upper_units", "FLOAT", "REQUIRED", "Upper bound of the 80 % interval."),
            BigQueryField.of(
                "safety_stock", "INTEGER", "REQUIRED", "The SKU's safety stock, across channels."),
            BigQueryField.of(
                "reorder_point", "INTEGER", "REQUIRED", "The SKU's reorder point, in units."),
            BigQueryField.of(
                "service_level", "FLOAT", "REQUIRED", "Target cycle service level of its class."),
            BigQueryField.of("abc_class", "STRING", "REQUIRED", "A, B or C by revenue."),
            BigQueryField.of(
                "backtest_mase",
                "FLOAT",
                "NULLABLE",
                "Backtest error (MASE); null for a SKU too new to backtest."),
            BigQueryField.of("generated_at", "TIMESTAMP", "REQUIRED", "When the run made it.")));
  }

  static List<TableSpec> all() {
    return List.of(pipelineFailures(), demandForecasts());
  }

  private static TableSpec table(
      String name, String partitionField, List<String> clustering, List<BigQueryField> schema) {
    return new TableSpec(
        EventTables.DATASET, name, Optional.empty(), partitionField, "DAY", clustering, schema);
  }
}
