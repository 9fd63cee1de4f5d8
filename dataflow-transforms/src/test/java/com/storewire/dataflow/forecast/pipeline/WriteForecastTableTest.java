package com.storewire.dataflow.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import java.util.List;
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
 * Forecast rows reach BigQuery through BigQueryIO's load jobs, in a table of ForecastTable's
 * schema.
 */
public class WriteForecastTableTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  private final FakeDatasetService datasets = new FakeDatasetService();
  private final FakeBigQueryServices bigQuery =
      new FakeBigQueryServices().withDatasetService(datasets).withJobService(new FakeJobService());

  @Before
  public void createDataset() throws Exception {
    FakeDatasetService.setUp();
    datasets.createDataset("storewire", "analytics", "", "", null);
    pipeline.getOptions().setTempLocation(temp.getRoot().getAbsolutePath());
  }

  @Test
  public void appendsRowsToATableCreatedWithTheForecastSchema() throws Exception {
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
            0.8,
            "2026-11-12T06:00:00Z");

    pipeline
        .apply(Create.of(List.of(row)))
        .apply(
            ForecastSafetyStock.writeForecastTable("storewire:analytics." + ForecastTable.NAME)
                .withTestServices(bigQuery)
                .withoutValidation());
    pipeline.run().waitUntilFinish();

    assertThat(
            datasets
                .getTable(
                    new TableReference()
                        .setProjectId("storewire")
                        .setDatasetId("analytics")
                        .setTableId(ForecastTable.NAME))
                .getSchema()
                .getFields())
        .isEqualTo(ForecastTable.schema().getFields());
    List<TableRow> rows = datasets.getAllRows("storewire", "analytics", ForecastTable.NAME);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("sku")).isEqualTo("TEE-BLK-M");
    assertThat(rows.get(0).get("abc_class")).isEqualTo("A");
  }
}
