package com.storewire.dataflow.normalise;

import com.storewire.dataflow.events.EventCoder;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.codec.FieldError;
import com.storewire.events.codec.InvalidEventException;
import com.storewire.events.validation.EventValidator;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * RawVendorPayload events to canonical events, through the vendor's parser. Every input ends in
 * exactly one place: canonical events on {@link #NORMALISED}, refusals (no parser, missing field,
 * an event its consumers would refuse) on {@link #FAILURES} with the body, vendor and field, or a
 * counted "nothing to publish" with the parser's reason (see {@link ParsedPayload#nothing}).
 *
 * <p>Each event is caused by its raw payload (same correlation, the raw event's id as causation)
 * and keeps its idempotency key, with a suffix when one payload makes several events; its id
 * derives from the raw event's id, so a redelivered payload makes the same events again and
 * consumers (and the BigQuery views) dedupe them.
 *
 * <p>Counters, in namespace {@value #METRICS}: {@code normalised_<vendor>}, {@code
 * failed_<vendor>}, {@code nothing_to_publish_<vendor>} and {@code schema_drift_fields_<vendor>}
 * (one per unknown field seen), for a dashboard per vendor.
 */
public final class NormalisePayloads extends PTransform<PCollection<Event>, PCollectionTuple> {

  public static final String METRICS = "storewire_normalise";
  public static final String SOURCE = "//storewire/dataflow-transforms/normalise";
  public static final String STEP = "ParseVendorPayload";

  public static final TupleTag<Event> NORMALISED = new TupleTag<>() {};
  public static final TupleTag<PipelineFailure> FAILURES = new TupleTag<>() {};

  private final String pipeline;

  private NormalisePayloads(String pipeline) {
    this.pipeline = pipeline;
  }

  /** Failures are recorded as {@code pipeline}'s. */
  public static NormalisePayloads forPipeline(String pipeline) {
    return new NormalisePayloads(pipeline);
  }

  @Override
  public PCollectionTuple expand(PCollection<Event> rawPayloads) {
    PCollectionTuple parsed =
        rawPayloads.apply(
            STEP,
            ParDo.of(new ParseFn(pipeline)).withOutputTags(NORMALISED, TupleTagList.of(FAILURES)));
    parsed.get(NORMALISED).setCoder(EventCoder.of());
    return parsed;
  }

  private static final class ParseFn extends DoFn<Event, Event> {

    private final String pipeline;

    ParseFn(String pipeline) {
      this.pipeline = pipeline;
    }

    @ProcessElement
    public void process(@Element Event raw, MultiOutputReceiver out) {
      if (!(raw.getData() instanceof RawVendorPayload payload)) {
        out.get(FAILURES)
            .output(failure(raw, null, "data", "not a RawVendorPayload but " + raw.getType()));
        return;
      }
      String vendor = payload.getVendor().name().toLowerCase();
      VendorParser parser =
          VendorParsers.forTopic(payload.getVendor(), payload.getVendorTopic()).orElse(null);
      if (parser == null) {
        count("failed_", vendor);
        out.get(FAILURES)
            .output(
                failure(
                    raw,
                    payload,
                    "data.vendor_topic",
                    "no parser for " + vendor + " topic '" + payload.getVendorTopic() + "'"));
        return;
      }
      try {
        ParsedPayload parsed =
            parser.parse(JsonPayload.parse(bytes(payload.getBody())), payload.getReceivedAt());
        Metrics.counter(METRICS, "schema_drift_fields_" + vendor)
            .inc(parsed.unknownFields().size());
        List<Event> events = events(raw, parsed.payloads());
        events.forEach(out.get(NORMALISED)::output);
        count(events.isEmpty() ? "nothing_to_publish_" : "normalised_", vendor);
      } catch (PayloadException e) {
        count("failed_", vendor);
        out.get(FAILURES).output(failure(raw, payload, e.field(), e.getMessage()));
      } catch (InvalidEventException e) {
        count("failed_", vendor);
        out.get(FAILURES).output(failure(raw, payload, e.errors().get(0).field(), e.getMessage()));
      }
    }

    /** Built and validated before any is output, so a payload is published whole or not at all. */
    private static List<Event> events(Event raw, List<SpecificRecord> payloads) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < payloads.size(); i++) {
        SpecificRecord payload = payloads.get(i);
        String suffix = payloads.size() == 1 ? "" : "/" + i;
        Event event =
            EventBuilder.of(payload)
                .id(raw.getId() + "/" + EventType.ofPayload(payload).snakeName() + suffix)
                .source(SOURCE)
                .time(raw.getTime())
                .idempotencyKey(raw.getIdempotencyKey() + suffix)
                .causedBy(raw.getId(), raw.getCorrelationId())
                .build();
        List<FieldError> errors = EventValidator.validate(event);
        if (!errors.isEmpty()) {
          throw new InvalidEventException(errors);
        }
        events.add(event);
      }
      return events;
    }

    private static void count(String prefix, String vendor) {
      Metrics.counter(METRICS, prefix + vendor).inc();
    }

    private PipelineFailure failure(
        Event raw, RawVendorPayload payload, String field, String error) {
      return new PipelineFailure(
          Instant.now(),
          pipeline,
          STEP,
          payload == null ? null : payload.getVendor().name().toLowerCase(),
          payload == null ? null : payload.getVendorTopic(),
          raw.getId(),
          error,
          field,
          payload == null ? null : PipelineFailure.text(bytes(payload.getBody())));
    }

    private static byte[] bytes(ByteBuffer body) {
      ByteBuffer copy = body.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
  }
}
