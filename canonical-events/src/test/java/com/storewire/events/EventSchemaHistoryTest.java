package com.storewire.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Guards schema evolution. The current schema must be frozen as its version, and each version must
 * read data of the one before (backward: consumers upgrade first) and be readable by it (forward: a
 * producer may upgrade first), which is what Pub/Sub schema revisions rely on.
 */
class EventSchemaHistoryTest {

  @Test
  void currentSchemaIsFrozenAsItsVersion() {
    Schema frozen = EventSchema.version(EventSchema.CURRENT_VERSION);

    assertThat(frozen)
        .as(
            "the .avdl changed without a new version: bump EventSchema.CURRENT_VERSION and freeze"
                + " target/classes/catalog/storewire-event.avsc as schema-history/v%d.avsc",
            EventSchema.CURRENT_VERSION + 1)
        .isEqualTo(EventSchema.current());
  }

  @Test
  void everyVersionIsFullyCompatibleWithTheOneBefore() {
    Map.Entry<Integer, Schema> previous = null;
    for (Map.Entry<Integer, Schema> version : EventSchema.history().entrySet()) {
      if (previous != null) {
        assertFullyCompatible(previous.getValue(), version.getValue());
      }
      previous = version;
    }
    assertThat(previous.getKey()).isEqualTo(EventSchema.CURRENT_VERSION);
    assertThat(EventSchema.history().keySet()).startsWith(1).hasSize(EventSchema.CURRENT_VERSION);
  }

  @Test
  void theCheckAcceptsAnAddedDefaultedFieldAndAppendedSymbols() {
    Schema current = EventSchema.current();
    Schema evolved =
        new Schema.Parser()
            .parse(
                current
                    .toString()
                    .replace(
                        "{\"name\":\"correlation_id\"",
                        "{\"name\":\"tenant\",\"type\":\"string\",\"default\":\"default\"},"
                            + "{\"name\":\"correlation_id\"")
                    .replace("\"KLAVIYO\"]", "\"KLAVIYO\",\"ETSY\"]"));

    assertThat(evolved.getField("tenant")).isNotNull();
    assertFullyCompatible(current, evolved);
  }

  @Test
  void theCheckRefusesARetypedOrRemovedField() {
    Schema current = EventSchema.current();
    Schema retyped =
        new Schema.Parser()
            .parse(
                current
                    .toString()
                    .replace(
                        "{\"name\":\"quantity\",\"type\":\"int\"}",
                        "{\"name\":\"quantity\",\"type\":\"string\"}"));
    Schema removed =
        new Schema.Parser()
            .parse(
                current
                    .toString()
                    .replace("{\"name\":\"oversold_units\",\"type\":\"int\"}", "")
                    .replace(",]", "]"));

    assertThat(retyped).isNotEqualTo(current);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(retyped, current).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(removed).isNotEqualTo(current);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, removed).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static void assertFullyCompatible(Schema older, Schema newer) {
    var backward = SchemaCompatibility.checkReaderWriterCompatibility(newer, older);
    var forward = SchemaCompatibility.checkReaderWriterCompatibility(older, newer);
    assertThat(backward.getType())
        .as("new reads old: %s", backward.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(forward.getType())
        .as("old reads new: %s", forward.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
