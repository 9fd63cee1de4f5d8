package com.storewire.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.samples.SampleEvents;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTablesTest {

  private static final Instant PUBLISHED = Instant.parse("2026-11-27T09:00:01Z");

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventBecomesARowThatFitsItsTable(EventType type) {
    Event event = SampleEvents.of(type);
    TableSpec table = Catalog.storewire().tableFor(type);

    Map<String, Object> row = EventTables.row(event, PUBLISHED);

    assertFits(table.table(), table.schema(), row);
    assertThat(row.get("event_time")).isEqualTo("2026-11-27T09:00:00.123Z");
    assertThat(row.get("event_type")).isEqualTo(type.ceType());
    assertThat(row.get("publish_time")).isEqualTo(PUBLISHED.toString());
  }

  @SuppressWarnings("unchecked")
  private static void assertFits(String path, List<BigQueryField> schema, Map<String, Object> row) {
    assertThat(row.keySet())
        .as("columns of %s", path)
        .containsExactlyElementsOf(schema.stream().map(BigQueryField::name).toList());
    for (BigQueryField field : schema) {
      Object value = row.get(field.name());
      String at = path + "." + field.name();
      if (value == null) {
        assertThat(field.mode()).as("%s is null", at).isEqualTo("NULLABLE");
        continue;
      }
      List<Object> values = "REPEATED".equals(field.mode()) ? (List<Object>) value : List.of(value);
      for (Object cell : values) {
        switch (field.type()) {
          case "RECORD" -> assertFits(at, field.fields(), (Map<String, Object>) cell);
          case "TIMESTAMP" -> assertThat(Instant.parse((String) cell)).as(at).isNotNull();
          case "BYTES" -> assertThat(Base64.getDecoder().decode((String) cell)).as(at).isNotEmpty();
          case "INTEGER" -> assertThat(cell).as(at).isInstanceOfAny(Integer.class, Long.class);
          case "FLOAT" -> assertThat(cell).as(at).isInstanceOf(Double.class);
          case "BOOLEAN" -> assertThat(cell).as(at).isInstanceOf(Boolean.class);
          case "STRING" -> assertThat(cell).as(at).isInstanceOf(String.class);
          default -> throw new AssertionError(at + " has type " + field.type());
        }
      }
    }
  }
}
