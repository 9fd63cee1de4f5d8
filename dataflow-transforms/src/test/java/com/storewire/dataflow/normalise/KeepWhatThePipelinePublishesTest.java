package com.storewire.dataflow.normalise;

import static com.storewire.dataflow.normalise.RawPayloads.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.dataflow.events.EventCoder;
import com.storewire.events.Event;
import com.storewire.events.SystemId;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/**
 * Only what the catalog lets dataflow-transforms publish leaves the normaliser: a Logiwa receipt's
 * StockAdjusted goes out; a Shopify order's OrderPlaced does not (order-intake owns it: it reserves
 * the stock first) and is counted instead.
 */
public class KeepWhatThePipelinePublishesTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void eventsOwnedByAnotherComponentAreCountedNotPublished() {
    PCollection<Event> kept =
        pipeline
            .apply(
                Create.of(
                        List.of(
                            raw(
                                "shopify-order",
                                SystemId.SHOPIFY,
                                "orders/create",
                                RawPayloads.SHOPIFY_ORDER),
                            raw(
                                "logiwa-receipt",
                                SystemId.LOGIWA,
                                "inventory-change",
                                RawPayloads.LOGIWA_RECEIPT)))
                    .withCoder(EventCoder.of()))
            .apply(NormalisePayloads.forPipeline("keep-test"))
            .get(NormalisePayloads.NORMALISED)
            .setCoder(EventCoder.of())
            .apply(new KeepWhatThePipelinePublishes());

    PAssert.that(kept)
        .satisfies(
            events -> {
              assertThat(StreamSupport.stream(events.spliterator(), false).map(Event::getType))
                  .containsExactly("com.storewire.stock.adjusted");
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    long ownedElsewhere =
        StreamSupport.stream(
                result
                    .metrics()
                    .queryMetrics(
                        MetricsFilter.builder()
                            .addNameFilter(
                                MetricNameFilter.named(
                                    NormalisePayloads.METRICS, "owned_elsewhere_order_placed"))
                            .build())
                    .getCounters()
                    .spliterator(),
                false)
            .mapToLong(c -> c.getAttempted())
            .sum();
    assertThat(ownedElsewhere).isEqualTo(1);
  }
}
