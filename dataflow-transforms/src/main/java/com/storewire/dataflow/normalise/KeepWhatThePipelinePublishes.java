package com.storewire.dataflow.normalise;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.EventRouting;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps the normalised events whose topic the catalog lets this pipeline publish to. The others
 * have an owner that already made them from the same vendor call: a marketplace order is
 * OrderPlaced only once order-intake has reserved its stock (published here, it would skip the
 * reservation), and drift is the reconciliation job's to find. Those are counted as {@code
 * owned_elsewhere_<event type>} in namespace {@value NormalisePayloads#METRICS}, and the raw
 * payload stays in its BigQuery table, so nothing is lost.
 */
public final class KeepWhatThePipelinePublishes
    extends PTransform<PCollection<Event>, PCollection<Event>> {

  @Override
  public PCollection<Event> expand(PCollection<Event> events) {
    return events.apply("KeepOwnTopics", ParDo.of(new KeepFn()));
  }

  /** Whether the catalog lists dataflow-transforms among the publishers of the event's topic. */
  static boolean publishedHere(Event event) {
    return new EventRouting(Catalog.storewire())
        .topicOf(event)
        .publishers()
        .contains(Component.DATAFLOW_TRANSFORMS);
  }

  private static final class KeepFn extends DoFn<Event, Event> {
    @ProcessElement
    public void process(@Element Event event, OutputReceiver<Event> out) {
      if (publishedHere(event)) {
        out.output(event);
      } else {
        Metrics.counter(
                NormalisePayloads.METRICS,
                "owned_elsewhere_" + EventType.ofPayload(event.getData()).snakeName())
            .inc();
      }
    }
  }
}
