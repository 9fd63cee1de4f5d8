package com.storewire.dataflow.failures;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * A record that a step could not turn into what it makes, kept whole so that it can be fixed and
 * replayed: one row of {@code pipeline_failures}.
 *
 * @param pipeline the pipeline's job name, e.g. {@code normalise-vendor-events}
 * @param step the step that refused it, e.g. {@code ParseVendorPayload}
 * @param vendor the vendor the payload came from, when known
 * @param vendorTopic the vendor's topic or endpoint, when known
 * @param sourceEventId the id of the event (or Pub/Sub message) that carried it, when known
 * @param field the field the error is about, e.g. {@code line_items[0].sku}, when one is to blame
 * @param rawBody the record as received, as text
 */
@DefaultCoder(SerializableCoder.class)
public record PipelineFailure(
    Instant failedAt,
    String pipeline,
    String step,
    String vendor,
    String vendorTopic,
    String sourceEventId,
    String error,
    String field,
    String rawBody)
    implements Serializable {

  /** Bodies are JSON; anything else is kept as best-effort text rather than lost. */
  public static String text(byte[] body) {
    return body == null ? null : new String(body, StandardCharsets.UTF_8);
  }
}
