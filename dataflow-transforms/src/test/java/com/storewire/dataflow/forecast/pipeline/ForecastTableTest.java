package com.storewire.dataflow.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.services.bigquery.model.TableFieldSchema;
import org.junit.jupiter.api.Test;

/** The columns the forecast SQL is written against, exactly (the catalog's demand_forecasts). */
class ForecastTableTest {

  @Test
  void hasExactlyTheAgreedColumns() {
    assertThat(ForecastTable.schema().getFields())
        .extracting(TableFieldSchema::getName, TableFieldSchema::getType)
        .containsExactly(
            tuple("sku", "STRING"),
            tuple("channel", "STRING"),
            tuple("forecast_date", "DATE"),
            tuple("method", "STRING"),
            tuple("forecast_units", "FLOAT"),
            tuple("lower_units", "FLOAT"),
            tuple("upper_units", "FLOAT"),
            tuple("safety_stock", "INTEGER"),
            tuple("reorder_point", "INTEGER"),
            tuple("service_level", "FLOAT"),
            tuple("abc_class", "STRING"),
            tuple("backtest_mase", "FLOAT"),
            tuple("generated_at", "TIMESTAMP"));
  }

  @Test
  void aRowBecomesOneJsonLineWithTheTablesColumnNames() {
    ForecastRow row =
        new ForecastRow(
            "TEE-BLK-M",
            "shopify",
            "2026-11-12",
            "tsb",
            1.5,
            0.0,
            3.0,
            9,
            20,
            0.98,
            "A",
            null,
            "2026-11-12T06:00:00Z");

    assertThat(ForecastTable.toJson(row))
        .isEqualTo(
            "{\"sku\":\"TEE-BLK-M\",\"channel\":\"shopify\",\"forecast_date\":\"2026-11-12\","
                + "\"method\":\"tsb\",\"forecast_units\":1.5,\"lower_units\":0.0,\"upper_units\":3.0,"
                + "\"safety_stock\":9,\"reorder_point\":20,\"service_level\":0.98,\"abc_class\":\"A\","
                + "\"generated_at\":\"2026-11-12T06:00:00Z\"}");
    assertThat(ForecastTable.toTableRow(row)).doesNotContainKey("backtest_mase");
  }
}
