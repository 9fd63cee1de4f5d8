package com.storewire.dataflow.bigquery;

import com.google.api.services.bigquery.model.TableSchema;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * What a configured BigQueryIO write will do, read from its display data (the same items the
 * Dataflow console shows): the schema it gives BigQuery and its create disposition.
 */
public final class PipelineTableWrites {

  private PipelineTableWrites() {}

  public static TableSchema schema(BigQueryIO.Write<?> write) {
    return BigQueryHelpers.fromJsonString(item(write, "schema"), TableSchema.class);
  }

  public static String createDisposition(BigQueryIO.Write<?> write) {
    return item(write, "createDisposition");
  }

  private static String item(BigQueryIO.Write<?> write, String key) {
    return DisplayData.from(write).items().stream()
        .filter(i -> i.getKey().equals(key))
        .map(i -> String.valueOf(i.getValue()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the write shows no " + key));
  }
}
