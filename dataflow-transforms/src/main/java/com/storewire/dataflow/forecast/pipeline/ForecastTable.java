package com.storewire.dataflow.forecast.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BigQuery table {@value #NAME}: one row per SKU, channel and forecast day of each run. Its
 * columns are a contract with the SQL that reads them; change them only together.
 *
 * <p>{@code lower_units} and {@code upper_units} bound an 80 % prediction interval; {@code
 * generated_at} tells runs apart, so readers take each SKU's latest.
 */
public final class ForecastTable {

  public static final String NAME = "demand_forecasts";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ForecastTable() {}

  public static TableSchema schema() {
    return new TableSchema()
        .setFields(
            List.of(
                field("sku", "STRING", "REQUIRED"),
                field("channel", "STRING", "REQUIRED"),
                field("forecast_date", "DATE", "REQUIRED"),
                field("method", "STRING", "REQUIRED"),
                field("forecast_units", "FLOAT64", "REQUIRED"),
                field("lower_units", "FLOAT64", "REQUIRED"),
                field("upper_units", "FLOAT64", "REQUIRED"),
                field("safety_stock", "INT64", "REQUIRED"),
                field("reorder_point", "INT64", "REQUIRED"),
                field("service_level", "FLOAT64", "REQUIRED"),
                field("abc_class", "STRING", "REQUIRED"),
                field("backtest_mase", "FLOAT64", "NULLABLE"),
                field("generated_at", "TIMESTAMP", "REQUIRED")));
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

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }
}
