package com.storewire.dataflow.normalise;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a vendor payload means in canonical terms.
 *
 * @param payloads the canonical payloads, in the vendor's order; empty when the payload carries
 *     nothing to publish, which {@code whyNothing} then explains
 * @param unknownFields fields the parser does not know, by path: schema drift, tolerated
 */
public record ParsedPayload(
    List<SpecificRecord> payloads, List<String> unknownFields, String whyNothing) {

  public ParsedPayload {
    payloads = List.copyOf(payloads);
    unknownFields = List.copyOf(unknownFields);
  }

  public static ParsedPayload of(List<? extends SpecificRecord> payloads, List<String> unknown) {
    return new ParsedPayload(List.copyOf(payloads), unknown, null);
  }

  /** A payload that is understood but means no canonical event, for the reason given. */
  public static ParsedPayload nothing(String why, List<String> unknown) {
    return new ParsedPayload(List.of(), unknown, why);
  }
}
