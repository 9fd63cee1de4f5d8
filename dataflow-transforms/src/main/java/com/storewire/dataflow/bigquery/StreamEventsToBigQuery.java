package com.storewire.dataflow.bigquery;

import com.storewire.dataflow.events.CatalogSubscriptions;
import com.storewire.dataflow.events.DecodeEvents;
import com.storewire.dataflow.events.StreamingPipelineOptions;
import com.storewire.dataflow.failures.PipelineFailure;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Streaming: every canonical topic into its BigQuery table as the catalog defines it, through the
 * Storage Write API at least once. At least once because every event carries a stable id: the views
 * dedupe on {@code event_id}, which also absorbs the duplicates that exactly-once could not (a
 * publisher that sends the same event twice), and rows are queryable within seconds without the
 * commit interval exactly-once needs. Undecodable messages and rows BigQuery refuses go to {@code
 * pipeline_failures}.
 */
public final class StreamEventsToBigQuery {

  public static final String JOB = "stream-events-to-bigquery";

  /** The catalog's name for this pipeline's subscription to every topic. */
  public static final String CONSUMER = "bigquery";

  public interface Options extends StreamingPipelineOptions {}

  private StreamEventsToBigQuery() {}

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    options.setStreaming(true);
    run(options);
  }

  public static PipelineResult run(Options options) {
    return pipeline(options).run();
  }

  /** The pipeline, built and not run, so a test can check how it is wired. */
  static Pipeline pipeline(Options options) {
    Pipeline pipeline = Pipeline.create(options);
    String project = StreamingPipelineOptions.requireProject(options);
    PCollectionList<PubsubMessage> topics = PCollectionList.empty(pipeline);
    for (String subscription : CatalogSubscriptions.of(project, CONSUMER)) {
      String topic = subscription.substring(subscription.lastIndexOf('/') + 1);
      topics =
          topics.and(
              pipeline.apply(
                  "Read " + topic,
                  PubsubIO.readMessagesWithAttributesAndMessageId()
                      .fromSubscription(subscription)));
    }
    PCollectionTuple decoded =
        topics
            .apply("MergeTopics", Flatten.pCollections())
            .apply("DecodeEvents", DecodeEvents.forPipeline(JOB));
    PCollection<PipelineFailure> refused =
        decoded
            .get(DecodeEvents.EVENTS)
            .apply(
                "WriteEventsToTables", WriteEventsToTables.to(JOB, project, options.getDataset()));
    PCollectionList.of(decoded.get(DecodeEvents.FAILURES))
        .and(refused)
        .apply("CollectFailures", Flatten.pCollections())
        .apply("WriteFailures", WriteFailures.to(project, options.getDataset()));
    return pipeline;
  }
}
