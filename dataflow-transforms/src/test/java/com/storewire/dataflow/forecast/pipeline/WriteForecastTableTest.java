package com.storewire.dataflow.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.storewire.dataflow.bigquery.PipelineTableWrites;
import com.storewire.dataflow.bigquery.TerraformTables;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Forecast rows reach BigQuery through BigQueryIO's load jobs, appended to demand_forecasts as
 * terraform creates it from the catalog export: the load carries exactly that table's schema and
 * never creates a table of its own.
 */
public class WriteForecastTableTest {

  private static final String PROJECT = "storewire";
  private static final AtomicInteger DATASETS = new AtomicInteger();

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  private final FakeDatasetService datasets = new FakeDatasetService();
  private final FakeBigQueryServices bigQuery =
      new FakeBigQueryServices().withDatasetService(datasets).withJobService(new FakeJobService());
  private final String dataset = "analytics_" + DATASETS.incrementAndGet();

  private static final ForecastRow ROW =
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
          0.8,
          "2026-11-12T06:00:00Z");

  @Before
  public void createDataset() throws Exception {
    FakeDatasetService.setUp();
    datasets.createDataset(PROJECT, dataset, "", "", null);
    pipeline.getOptions().setTempLocation(temp.getRoot().getAbsolutePath());
  }

  private void write() {
    pipeline
        .apply(Create.of(List.of(ROW)))
        .apply(
            ForecastSafetyStock.writeForecastTable(
                    PROJECT + ":" + dataset + "." + ForecastTable.NAME)
                .withTestServices(bigQuery)
                .withoutValidation());
  }

  @Test
  public void appendsRowsToTheTableTerraformCreates() throws Exception {
    TerraformTables.create(datasets, PROJECT, dataset, ForecastTable.NAME);
    write();
    pipeline.run().waitUntilFinish();

    Table table =
        datasets.getTable(
            new TableReference()
                .setProjectId(PROJECT)
                .setDatasetId(dataset)
                .setTableId(ForecastTable.NAME));
    assertThat(TerraformTables.columns(table.getSchema()))
        .isEqualTo(TerraformTables.columns(TerraformTables.schema(ForecastTable.NAME)));
    assertThat(table.getTimePartitioning().getField()).isEqualTo("forecast_date");
    List<TableRow> rows = datasets.getAllRows(PROJECT, dataset, ForecastTable.NAME);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("sku")).isEqualTo("TEE-BLK-M");
    assertThat(rows.get(0).get("abc_class")).isEqualTo("A");
  }

  /** The schema the load gives BigQuery is the one terraform created the table with. */
  @Test
  public void theLoadCarriesTheSchemaTerraformCreatesTheTableWith() {
    var write =
        ForecastSafetyStock.writeForecastTable(PROJECT + ":" + dataset + "." + ForecastTable.NAME);
    assertThat(TerraformTables.columns(PipelineTableWrites.schema(write)))
        .isEqualTo(TerraformTables.columns(TerraformTables.schema(ForecastTable.NAME)));
    assertThat(PipelineTableWrites.createDisposition(write)).isEqualTo("CREATE_NEVER");
  }

  /** Every column a row fills is one of the table's, and every required column is filled. */
  @Test
  public void aRowFillsTheTablesColumns() {
    assertThat(TerraformTables.misfits(ForecastTable.toTableRow(ROW), ForecastTable.NAME))
        .isEmpty();
  }

  @Test
  public void aMissingTableIsNotCreated() throws Exception {
    write();

    assertThatThrownBy(() -> pipeline.run().waitUntilFinish()).isNotNull();
    assertThat(
            datasets.getTable(
                new TableReference()
                    .setProjectId(PROJECT)
                    .setDatasetId(dataset)
                    .setTableId(ForecastTable.NAME)))
        .isNull();
  }
}
