package com.storewire.dataflow.bigquery;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;

/**
 * Beam's in-memory BigQuery with a new dataset per test, since BigQuery has no emulator, holding
 * every table terraform creates from the catalog export ({@link TerraformTables}): the pipelines
 * never create a table. The fake's tables and BigQueryIO's "table already created" cache are both
 * static, so each test gets its own dataset rather than a reset fake that the cache would still
 * believe holds its tables.
 */
final class FakeBigQuery {

  static final String PROJECT = "storewire-test";

  private static final AtomicInteger DATASETS = new AtomicInteger();

  static {
    FakeDatasetService.setUp();
  }

  final String dataset = "storewire_events_" + DATASETS.incrementAndGet();
  final FakeDatasetService datasets = new FakeDatasetService();
  final FakeBigQueryServices services =
      new FakeBigQueryServices().withDatasetService(datasets).withJobService(new FakeJobService());

  /** A dataset holding every table terraform creates. */
  FakeBigQuery() throws Exception {
    this(true);
  }

  private FakeBigQuery(boolean terraformTables) throws Exception {
    datasets.createDataset(PROJECT, dataset, "", "", null);
    if (terraformTables) {
      TerraformTables.createAll(datasets, PROJECT, dataset);
    }
  }

  /** A dataset terraform has not created the tables of. */
  static FakeBigQuery withoutTables() throws Exception {
    return new FakeBigQuery(false);
  }

  List<TableRow> rows(String table) throws Exception {
    return datasets.getAllRows(PROJECT, dataset, table);
  }

  Table table(String table) throws Exception {
    return datasets.getTable(
        new TableReference().setProjectId(PROJECT).setDatasetId(dataset).setTableId(table));
  }
}
