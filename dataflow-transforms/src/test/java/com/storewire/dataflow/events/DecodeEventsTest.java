package com.storewire.dataflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesAndMessageIdCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/** Valid messages decode to their events; anything else is a failure naming the field. */
public class DecodeEventsTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void decodesEventsAndRefusesTheRestNamingTheField() {
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);
    String withoutType =
        EventJson.encodeToString(placed).replace("\"com.storewire.order.placed\"", "\"nope\"");
    PCollectionTuple decoded =
        pipeline
            .apply(
                Create.of(
                        new PubsubMessage(EventJson.encode(placed), Map.of(), "m-1"),
                        new PubsubMessage(bytes("not json"), Map.of(), "m-2"),
                        new PubsubMessage(bytes(withoutType), Map.of(), "m-3"))
                    .withCoder(PubsubMessageWithAttributesAndMessageIdCoder.of()))
            .apply(DecodeEvents.forPipeline("decode-test"));

    PAssert.that(decoded.get(DecodeEvents.EVENTS)).containsInAnyOrder(placed);
    PAssert.that(decoded.get(DecodeEvents.FAILURES))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .extracting(PipelineFailure::sourceEventId)
                  .containsExactlyInAnyOrder("m-2", "m-3");
              for (PipelineFailure failure : failures) {
                assertThat(failure.field()).isNotBlank();
                assertThat(failure.step()).isEqualTo("DecodeEventJson");
                assertThat(failure.pipeline()).isEqualTo("decode-test");
                assertThat(failure.rawBody()).isNotBlank();
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
