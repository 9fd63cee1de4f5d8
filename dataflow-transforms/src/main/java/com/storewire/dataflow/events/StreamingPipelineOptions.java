package com.storewire.dataflow.events;

import com.storewire.catalog.EventTables;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * What the streaming pipelines share: the project whose catalog subscriptions and topics they use,
 * and the dataset of their tables.
 */
public interface StreamingPipelineOptions extends GcpOptions, StreamingOptions {

  @Description("BigQuery dataset of the event tables and pipeline_failures.")
  @Default.String(EventTables.DATASET)
  String getDataset();

  void setDataset(String dataset);

  /** The project, which the catalog's names live in; refuses to go on without one. */
  static String requireProject(StreamingPipelineOptions options) {
    String project = options.getProject();
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException("--project is required: the catalog's names live in it");
    }
    return project;
  }
}
