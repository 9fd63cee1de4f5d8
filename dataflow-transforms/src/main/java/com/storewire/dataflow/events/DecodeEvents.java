package com.storewire.dataflow.events;

import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.FieldError;
import com.storewire.events.codec.InvalidEventException;
import java.time.Instant;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Pub/Sub messages to canonical events through {@link EventJson}, which refuses anything malformed
 * or invalid and names the field: those messages go to {@link #FAILURES} with their body, so a bad
 * publisher is visible in {@code pipeline_failures} instead of stalling the subscription. An event
 * keeps its message's timestamp, which PubsubIO sets to the publish time.
 */
public final class DecodeEvents extends PTransform<PCollection<PubsubMessage>, PCollectionTuple> {

  public static final TupleTag<Event> EVENTS = new TupleTag<>() {};
  public static final TupleTag<PipelineFailure> FAILURES = new TupleTag<>() {};

  private final String pipeline;

  private DecodeEvents(String pipeline) {
    this.pipeline = pipeline;
  }

  /** Failures are recorded as {@code pipeline}'s. */
  public static DecodeEvents forPipeline(String pipeline) {
    return new DecodeEvents(pipeline);
  }

  @Override
  public PCollectionTuple expand(PCollection<PubsubMessage> messages) {
    PCollectionTuple decoded =
        messages.apply(
            "DecodeEventJson",
            ParDo.of(new DecodeFn(pipeline)).withOutputTags(EVENTS, TupleTagList.of(FAILURES)));
    decoded.get(EVENTS).setCoder(EventCoder.of());
    return decoded;
  }

  private static final class DecodeFn extends DoFn<PubsubMessage, Event> {

    private final String pipeline;
    private final Counter refused = Metrics.counter("storewire", "events_refused_undecodable");

    DecodeFn(String pipeline) {
      this.pipeline = pipeline;
    }

    @ProcessElement
    public void process(@Element PubsubMessage message, MultiOutputReceiver out) {
      try {
        out.get(EVENTS).output(EventJson.decode(message.getPayload()));
      } catch (InvalidEventException e) {
        refused.inc();
        FieldError first = e.errors().get(0);
        out.get(FAILURES)
            .output(
                new PipelineFailure(
                    Instant.now(),
                    pipeline,
                    "DecodeEventJson",
                    null,
                    null,
                    message.getMessageId(),
                    e.getMessage(),
                    first.field(),
                    PipelineFailure.text(message.getPayload())));
      }
    }
  }
}
