package com.storewire.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * The schema's version line. The current version is what the generated classes carry; every
 * released version, the current one included, is frozen as {@code schema-history/vN.avsc} so that
 * readers can resolve data written by any of them.
 */
public final class EventSchema {

  /** Bump when the .avdl changes, and freeze the new schema as schema-history/vN.avsc. */
  public static final int CURRENT_VERSION = 4;

  /** The name Pub/Sub topic schemas and terraform use for this schema. */
  public static final String PUBSUB_SCHEMA_NAME = "storewire-event";

  static {
    trustEventClasses();
  }

  private static final NavigableMap<Integer, Schema> HISTORY = loadHistory();

  private EventSchema() {}

  /**
   * Avro 1.12 instantiates only trusted classes when it reads; ours are trusted here, once, for
   * every reader in the JVM (codecs, Beam's AvroCoder), instead of by a system property that each
   * deployable would have to remember.
   */
  public static synchronized void trustEventClasses() {
    ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    if (!current.isTrusted(Event.class)) {
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(
              current, c -> c.getPackageName().equals(Event.class.getPackageName())));
    }
  }

  public static Schema current() {
    return Event.getClassSchema();
  }

  /** Every released version by number, oldest first. */
  public static NavigableMap<Integer, Schema> history() {
    return HISTORY;
  }

  /** The frozen schema of a version, or null when this reader does not know that version. */
  public static Schema version(int version) {
    return HISTORY.get(version);
  }

  private static NavigableMap<Integer, Schema> loadHistory() {
    NavigableMap<Integer, Schema> history = new TreeMap<>();
    for (int version = 1; version <= CURRENT_VERSION; version++) {
      String resource = "/schema-history/v" + version + ".avsc";
      try (InputStream in = EventSchema.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "schema version " + version + " is not frozen: " + resource + " is missing");
        }
        history.put(version, new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException(resource, e);
      }
    }
    return Collections.unmodifiableNavigableMap(history);
  }
}
