package com.storewire.events.codec;

import com.storewire.events.Event;
import com.storewire.events.EventSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;

/**
 * Events in the schema's binary form, framed as Avro single-object encoding: a two-byte marker and
 * the writer schema's 64-bit fingerprint precede the body, so a reader resolves data written by any
 * released version and refuses one it does not know.
 */
public final class EventBinary {

  private static final SpecificData MODEL = SpecificData.getForClass(Event.class);
  private static final BinaryMessageEncoder<Event> ENCODER =
      new BinaryMessageEncoder<>(MODEL, EventSchema.current());
  private static final BinaryMessageDecoder<Event> DECODER = decoderForAllVersions();

  private EventBinary() {}

  public static byte[] encode(Event event) {
    EventJson.requireValid(event);
    try {
      ByteBuffer buffer = ENCODER.encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Event decode(byte[] bytes) {
    Event event;
    try {
      event = DECODER.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new InvalidEventException(
          new FieldError(
              "$",
              "incompatible version: the writer schema's fingerprint is not one of versions 1 to "
                  + EventSchema.CURRENT_VERSION));
    } catch (BadHeaderException e) {
      throw new InvalidEventException(
          new FieldError("$", "not Avro single-object encoding: " + e.getMessage()));
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new InvalidEventException(
          new FieldError("$", "truncated or corrupt binary event: " + e));
    }
    EventJson.requireValid(event);
    return event;
  }

  private static BinaryMessageDecoder<Event> decoderForAllVersions() {
    SchemaStore.Cache store = new SchemaStore.Cache();
    EventSchema.history().values().forEach(store::addSchema);
    return new BinaryMessageDecoder<>(MODEL, EventSchema.current(), store);
  }
}
