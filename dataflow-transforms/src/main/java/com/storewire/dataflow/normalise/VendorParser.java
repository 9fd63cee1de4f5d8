package com.storewire.dataflow.normalise;

import com.storewire.events.SystemId;
import java.io.Serializable;
import java.time.Instant;

/**
 * Reads one vendor topic's payload into canonical event payloads. Each parser knows one shape and
 * lists the fields it knows, so that a field the vendor adds later is counted as drift instead of
 * breaking or silently passing.
 */
public interface VendorParser extends Serializable {

  SystemId vendor();

  /** The vendor's topic as the raw payload names it, e.g. {@code orders/create}. */
  String vendorTopic();

  /**
   * The canonical payloads this body means, or {@link ParsedPayload#nothing} with the reason.
   *
   * @param receivedAt when Storewire received it, for what the vendor does not timestamp
   * @throws PayloadException naming the field, when a required field is missing or wrong
   */
  ParsedPayload parse(JsonPayload body, Instant receivedAt);
}
