package com.storewire.dataflow.normalise;

import com.storewire.dataflow.bigquery.WriteFailures;
import com.storewire.dataflow.events.CatalogSubscriptions;
import com.storewire.dataflow.events.DecodeEvents;
import com.storewire.dataflow.events.PublishEvents;
import com.storewire.dataflow.events.StreamingPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Streaming: the vendors' payloads as received (topic {@code raw-vendor-payloads}) to canonical
 * events on the catalog's topics. Whatever cannot be normalised, from an undecodable message to a
 * payload missing a required field, lands in {@code pipeline_failures} with its body: nothing is
 * dropped.
 *
 * <p>Marketplace orders, Logiwa stock changes and ShipStation shipments are also published by order
 * intake and the connector functions as they happen; the events here carry the raw payload as their
 * cause and derive their ids from it, so consumers and the BigQuery views see one event per payload
 * however often it is replayed.
 */
public final class NormaliseVendorEvents {

  public static final String JOB = "normalise-vendor-events";

  /** The catalog's name for this pipeline's subscription to {@code raw-vendor-payloads}. */
  public static final String CONSUMER = "normalise";

  public interface Options extends StreamingPipelineOptions {}

  private NormaliseVendorEvents() {}

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
    PublishEvents.publishWithOrderingKeysOnDataflow(options);
    Pipeline pipeline = Pipeline.create(options);
    String project = StreamingPipelineOptions.requireProject(options);
    String subscription = CatalogSubscriptions.of(project, CONSUMER).get(0);
    PCollectionTuple decoded =
        pipeline
            .apply(
                "ReadRawVendorPayloads",
                PubsubIO.readMessagesWithAttributesAndMessageId().fromSubscription(subscription))
            .apply("DecodeRawPayloadEvents", DecodeEvents.forPipeline(JOB));
    PCollectionTuple normalised =
        decoded
            .get(DecodeEvents.EVENTS)
            .apply("NormaliseVendorPayloads", NormalisePayloads.forPipeline(JOB));
    normalised
        .get(NormalisePayloads.NORMALISED)
        .apply("KeepWhatThePipelinePublishes", new KeepWhatThePipelinePublishes())
        .apply("PublishCanonicalEvents", PublishEvents.toCatalogTopics(project));
    PCollectionList.of(decoded.get(DecodeEvents.FAILURES))
        .and(normalised.get(NormalisePayloads.FAILURES))
        .apply("CollectFailures", Flatten.pCollections())
        .apply("WriteFailures", WriteFailures.to(project, options.getDataset()));
    return pipeline;
  }
}
