package com.storewire.events.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.Event;
import com.storewire.events.EventSchema;
import com.storewire.events.EventType;
import com.storewire.events.validation.EventValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Events as JSON: what crosses Pub/Sub and HTTP. The encoding is Avro's JSON encoding of the
 * canonical schema, so a Pub/Sub topic with that schema and JSON encoding accepts every message
 * this writes. Decoding reads every released schema version and refuses, naming the field and the
 * reason, anything malformed, of an unknown type or version, or invalid.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SpecificData MODEL = SpecificData.getForClass(Event.class);

  private EventJson() {}

  public static byte[] encode(Event event) {
    requireValid(event);
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      Encoder encoder = EncoderFactory.get().jsonEncoder(EventSchema.current(), out);
      new SpecificDatumWriter<Event>(EventSchema.current(), MODEL).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String encodeToString(Event event) {
    return new String(encode(event), StandardCharsets.UTF_8);
  }

  public static Event decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }

  public static Event decode(byte[] json) {
    JsonNode root = parse(json);
    Schema writer = writerSchema(root);
    checkType(root);
    List<FieldError> shapeErrors = AvroJsonShape.check(writer, root);
    if (!shapeErrors.isEmpty()) {
      throw new InvalidEventException(shapeErrors);
    }
    Event event;
    try {
      Decoder decoder = DecoderFactory.get().jsonDecoder(writer, root.toString());
      event =
          new SpecificDatumReader<Event>(writer, EventSchema.current(), MODEL).read(null, decoder);
    } catch (IOException | AvroRuntimeException e) {
      // The shape check accepts only what the decoder reads, so this is a bug, not bad input.
      throw new IllegalStateException("shape-checked event failed to decode", e);
    }
    requireValid(event);
    return event;
  }

  static void requireValid(Event event) {
    List<FieldError> errors = EventValidator.validate(event);
    if (!errors.isEmpty()) {
      throw new InvalidEventException(errors);
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw new InvalidEventException(new FieldError("$", "expected a JSON object"));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(
          new FieldError("$", "malformed JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema writerSchema(JsonNode root) {
    JsonNode version = root.get("schema_version");
    if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
      throw new InvalidEventException(
          new FieldError("schema_version", "required integer is missing or not an integer"));
    }
    Schema writer = EventSchema.version(version.asInt());
    if (writer == null) {
      throw new InvalidEventException(
          new FieldError(
              "schema_version",
              "incompatible version "
                  + version.asInt()
                  + ": this reader knows versions "
                  + EventSchema.history().firstKey()
                  + " to "
                  + EventSchema.CURRENT_VERSION));
    }
    return writer;
  }

  private static void checkType(JsonNode root) {
    JsonNode type = root.get("type");
    if (type != null && type.isTextual() && EventType.ofCeType(type.asText()).isEmpty()) {
      throw new InvalidEventException(
          new FieldError("type", "unknown event type '" + type.asText() + "'"));
    }
  }
}
