package com.storewire.dataflow.forecast.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.PipelineTables;
import com.storewire.catalog.TableSpec;
import com.storewire.dataflow.bigquery.TableSchemas;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BigQuery table {@value #NAME}: one row per SKU, channel and forecast day of each run. It is
 * the catalog's table (terraform creates it from the catalog export, partitioned by forecast day),
 * so its columns are a contract with the SQL that reads them, kept in one place.
 *
 * <p>{@code lower_units} and {@code upper_units} bound an 80 % prediction interval; {@code
 * generated_at} tells runs apart, so readers take each SKU's latest.
 */
public final class ForecastTable {

  public static final String NAME = PipelineTables.DEMAND_FORECASTS;

  /** The catalog's table: name, partitioning, clustering and schema. */
  public static final TableSpec SPEC = Catalog.storewire().table(NAME);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ForecastTable() {}

  /** The catalog's columns, as BigQueryIO takes them. */
  public static TableSchema schema() {
    return TableSchemas.of(SPEC.schema());
  }

  /** The row as BigQuery receives it; a null column is left out, which BigQuery reads as NULL. */
  public static TableRow toTableRow(ForecastRow row) {
    TableRow tableRow = new TableRow();
    columns(row).forEach(tableRow::set);
    return tableRow;
  }

  /** The row as one JSON line, the local stand-in for the table. */
  public static String toJson(ForecastRow row) {
    try {
      return MAPPER.writeValueAsString(columns(row));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The columns in schema order, leaving out nulls. */
  private static Map<String, Object> columns(ForecastRow row) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("sku", row.sku());
    columns.put("channel", row.channel());
    columns.put("forecast_date", row.forecastDate());
    columns.put("method", row.method());
    columns.put("forecast_units", row.forecastUnits());
    columns.put("lower_units", row.lowerUnits());
    columns.put("upper_units", row.upperUnits());
    columns.put("safety_stock", row.safetyStock());
    columns.put("reorder_point", row.reorderPoint());
    columns.put("service_level", row.serviceLevel());
    columns.put("abc_class", row.abcClass());
    if (row.backtestMase() != null) {
      columns.put("backtest_mase", row.backtestMase());
    }
    columns.put("generated_at", row.generatedAt());
    return columns;
  }
}
