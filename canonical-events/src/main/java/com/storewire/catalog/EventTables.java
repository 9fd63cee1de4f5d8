package com.storewire.catalog;

import com.storewire.events.Event;
import com.storewire.events.EventType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * How an event becomes a BigQuery row: the envelope's columns, then the payload's fields as they
 * are in the schema (records become RECORD columns, arrays REPEATED, enums STRING). The table
 * schema and the row come from this one mapping, so they cannot disagree.
 */
public final class EventTables {

  public static final String DATASET = "storewire_events";
  public static final String PARTITION_FIELD = "event_time";

  private static final List<BigQueryField> ENVELOPE =
      List.of(
          BigQueryField.of("event_id", "STRING", "REQUIRED", "CloudEvents id; unique per event."),
          BigQueryField.of("event_type", "STRING", "REQUIRED", "CloudEvents type."),
          BigQueryField.of("source", "STRING", "REQUIRED", "The component that emitted it."),
          BigQueryField.of("subject", "STRING", "REQUIRED", "The SKU or order id it is about."),
          BigQueryField.of("event_time", "TIMESTAMP", "REQUIRED", "When it happened (UTC)."),
          BigQueryField.of("idempotency_key", "STRING", "REQUIRED", "Same key, same effect."),
          BigQueryField.of("correlation_id", "STRING", "REQUIRED", "The flow it belongs to."),
          BigQueryField.of("causation_id", "STRING", "NULLABLE", "The event that caused it."),
          BigQueryField.of("schema_version", "INTEGER", "REQUIRED", "Writer's schema version."),
          BigQueryField.of(
              "publish_time", "TIMESTAMP", "NULLABLE", "When Pub/Sub accepted the message."));

  private EventTables() {}

  public static String tableName(EventType type) {
    return type.snakeName();
  }

  public static List<BigQueryField> schema(EventType type) {
    List<BigQueryField> columns = new ArrayList<>(ENVELOPE);
    for (Schema.Field field : type.payloadSchema().getFields()) {
      columns.add(column(field.name(), field.schema(), field.doc()));
    }
    return columns;
  }

  /** Cluster on what dashboards filter by first (channel, vendor or system), then the subject. */
  public static List<String> clustering(EventType type) {
    List<String> clustering = new ArrayList<>();
    for (String candidate : List.of("channel", "vendor", "system")) {
      if (type.payloadSchema().getField(candidate) != null) {
        clustering.add(candidate);
        break;
      }
    }
    clustering.add("subject");
    return clustering;
  }

  /**
   * The row BigQuery receives for an event, in the JSON form the streaming APIs accept: timestamps
   * as ISO-8601 strings, bytes as base64, enums by name.
   */
  public static Map<String, Object> row(Event event, Instant publishTime) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event_id", event.getId());
    row.put("event_type", event.getType());
    row.put("source", event.getSource());
    row.put("subject", event.getSubject());
    row.put("event_time", event.getTime().toString());
    row.put("idempotency_key", event.getIdempotencyKey());
    row.put("correlation_id", event.getCorrelationId());
    row.put("causation_id", event.getCausationId());
    row.put("schema_version", event.getSchemaVersion());
    row.put("publish_time", publishTime == null ? null : publishTime.toString());
    IndexedRecord data = (SpecificRecord) event.getData();
    for (Schema.Field field : data.getSchema().getFields()) {
      row.put(field.name(), cell(data.get(field.pos())));
    }
    return row;
  }

  private static Object cell(Object value) {
    if (value instanceof IndexedRecord record) {
      Map<String, Object> nested = new LinkedHashMap<>();
      for (Schema.Field field : record.getSchema().getFields()) {
        nested.put(field.name(), cell(record.get(field.pos())));
      }
      return nested;
    } else if (value instanceof List<?> list) {
      return list.stream().map(EventTables::cell).toList();
    } else if (value instanceof ByteBuffer bytes) {
      return Base64.getEncoder().encodeToString(toArray(bytes));
    } else if (value instanceof Instant
        || value instanceof Enum<?>
        || value instanceof CharSequence) {
      return value.toString();
    }
    return value;
  }

  private static byte[] toArray(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static BigQueryField column(String name, Schema schema, String doc) {
    String description = doc == null ? "" : doc;
    if (schema.isNullable() && schema.getType() == Schema.Type.UNION) {
      Schema inner =
          schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().get();
      BigQueryField field = column(name, inner, doc);
      return new BigQueryField(name, field.type(), "NULLABLE", description, field.fields());
    }
    if (schema.getType() == Schema.Type.ARRAY) {
      BigQueryField element = column(name, schema.getElementType(), doc);
      return new BigQueryField(name, element.type(), "REPEATED", description, element.fields());
    }
    if (schema.getType() == Schema.Type.RECORD) {
      List<BigQueryField> fields =
          schema.getFields().stream().map(f -> column(f.name(), f.schema(), f.doc())).toList();
      return new BigQueryField(name, "RECORD", "REQUIRED", description, fields);
    }
    return BigQueryField.of(name, scalarType(schema), "REQUIRED", description);
  }

  private static String scalarType(Schema schema) {
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return "TIMESTAMP";
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> "STRING";
      case INT, LONG -> "INTEGER";
      case FLOAT, DOUBLE -> "FLOAT";
      case BOOLEAN -> "BOOLEAN";
      case BYTES, FIXED -> "BYTES";
      default -> throw new IllegalStateException("no BigQuery column type for " + schema.getType());
    };
  }
}
