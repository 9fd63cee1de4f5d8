package com.storewire.dataflow.events;

import com.storewire.events.Event;
import com.storewire.events.codec.EventBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Events between steps in canonical-events' own binary encoding, which carries the schema
 * fingerprint and validates on both sides: the pipeline never holds an event its consumers would
 * refuse, and no second Avro setup (Beam's AvroCoder) has to agree with the generated classes.
 */
public final class EventCoder extends CustomCoder<Event> {

  private static final EventCoder INSTANCE = new EventCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private EventCoder() {}

  public static EventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Event event, OutputStream out) throws IOException {
    BYTES.encode(EventBinary.encode(event), out);
  }

  @Override
  public Event decode(InputStream in) throws IOException {
    return EventBinary.decode(BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
