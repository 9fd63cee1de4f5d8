package com.storewire.dataflow.forecast.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.validation.Identifiers;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads history lines, one JSON object per line:
 *
 * <pre>{"sku":"TEE-BLK-M","channel":"shopify","date":"2026-11-30","units":3,"unit_price":19.99}
 * </pre>
 *
 * {@code sku} and {@code channel} in Storewire's identifier formats, {@code date} an ISO day (UTC),
 * {@code units} a whole number of at least 0 and {@code unit_price} a price of at least 0 in any
 * one currency (it only ranks SKUs by revenue). A line that breaks any of this goes to {@link
 * #FAILURES} with the reason.
 */
public final class ParseDemandRecords extends PTransform<PCollection<String>, PCollectionTuple> {

  public static final TupleTag<DemandRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<>() {};

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public PCollectionTuple expand(PCollection<String> lines) {
    return lines.apply(
        "ParseJsonLines",
        ParDo.of(new ParseFn()).withOutputTags(RECORDS, TupleTagList.of(FAILURES)));
  }

  /** Reads one line, or says why it cannot. */
  static DemandRecord parse(String line) {
    JsonNode json;
    try {
      json = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String sku = text(json, "sku");
    if (!Identifiers.isSku(sku)) {
      throw new IllegalArgumentException("sku: not a SKU: " + sku);
    }
    String channel = text(json, "channel");
    if (!Identifiers.isChannel(channel)) {
      throw new IllegalArgumentException("channel: not a channel id: " + channel);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text(json, "date"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date: not YYYY-MM-DD: " + json.get("date"));
    }
    JsonNode units = json.get("units");
    if (units == null || !units.canConvertToExactIntegral() || units.asLong() < 0) {
      throw new IllegalArgumentException("units: must be a whole number >= 0, got " + units);
    }
    JsonNode price = json.get("unit_price");
    if (price == null || !price.isNumber() || price.asDouble() < 0) {
      throw new IllegalArgumentException("unit_price: must be a number >= 0, got " + price);
    }
    return new DemandRecord(sku, channel, date.toEpochDay(), units.asLong(), price.asDouble());
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + ": required string is missing");
    }
    return value.asText();
  }

  private static final class ParseFn extends DoFn<String, DemandRecord> {
    @ProcessElement
    public void processElement(@Element String line, MultiOutputReceiver out) {
      DemandRecord record;
      try {
        record = parse(line);
      } catch (IllegalArgumentException e) {
        out.get(FAILURES).output(new FailedRecord(line, e.getMessage()));
        return;
      }
      out.get(RECORDS).output(record);
    }
  }
}
