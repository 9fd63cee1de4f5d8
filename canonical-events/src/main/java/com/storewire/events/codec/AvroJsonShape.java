package com.storewire.events.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * Checks a JSON tree against an Avro schema in Avro's JSON encoding (the encoding Pub/Sub validates
 * for Avro topic schemas), naming each bad field. Avro's own JsonDecoder stops at the first problem
 * with a message that names no field; this walk reports them all, then fills in absent fields that
 * have defaults so that the decoder accepts what the schema allows.
 */
final class AvroJsonShape {

  private final List<FieldError> errors = new ArrayList<>();

  private AvroJsonShape() {}

  /** Returns the errors; on success the tree has been completed with schema defaults. */
  static List<FieldError> check(Schema schema, JsonNode root) {
    AvroJsonShape shape = new AvroJsonShape();
    shape.walk(schema, root, "");
    return shape.errors;
  }

  private void walk(Schema schema, JsonNode node, String path) {
    switch (schema.getType()) {
      case RECORD -> walkRecord(schema, node, path);
      case UNION -> walkUnion(schema, node, path);
      case ARRAY -> {
        if (!node.isArray()) {
          fail(path, "expected an array, got " + describe(node));
          return;
        }
        for (int i = 0; i < node.size(); i++) {
          walk(schema.getElementType(), node.get(i), path + "[" + i + "]");
        }
      }
      case MAP -> {
        if (!node.isObject()) {
          fail(path, "expected an object, got " + describe(node));
          return;
        }
        node.fields()
            .forEachRemaining(
                e -> walk(schema.getValueType(), e.getValue(), child(path, e.getKey())));
      }
      case ENUM -> {
        if (!node.isTextual() || !schema.getEnumSymbols().contains(node.asText())) {
          fail(path, "expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
        }
      }
      case STRING -> expect(node.isTextual(), path, "a string", node);
      case BYTES, FIXED -> expect(isLatin1Text(node), path, "bytes as an ISO-8859-1 string", node);
      case INT -> expect(node.isIntegralNumber() && node.canConvertToInt(), path, "an int", node);
      case LONG -> expect(node.isIntegralNumber() && node.canConvertToLong(), path, "a long", node);
      case FLOAT, DOUBLE -> expect(node.isNumber(), path, "a number", node);
      case BOOLEAN -> expect(node.isBoolean(), path, "true or false", node);
      case NULL -> expect(node.isNull(), path, "null", node);
    }
  }

  private void walkRecord(Schema schema, JsonNode node, String path) {
    if (!node.isObject()) {
      fail(path, "expected an object (" + schema.getName() + "), got " + describe(node));
      return;
    }
    ObjectNode object = (ObjectNode) node;
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = object.get(field.name());
      if (value == null) {
        if (field.hasDefaultValue()) {
          object.set(field.name(), defaultAsJson(field.defaultVal()));
        } else {
          fail(child(path, field.name()), "required field is missing");
        }
      } else {
        walk(field.schema(), value, child(path, field.name()));
      }
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        fail(child(path, name), "unknown field for " + schema.getName());
      }
    }
  }

  private void walkUnion(Schema union, JsonNode node, String path) {
    if (node.isNull()) {
      if (!union.isNullable()) {
        fail(path, "must not be null");
      }
      return;
    }
    List<String> branches =
        union.getTypes().stream()
            .filter(s -> s.getType() != Schema.Type.NULL)
            .map(Schema::getFullName)
            .collect(Collectors.toList());
    if (!node.isObject() || node.size() != 1) {
      fail(path, "expected an object with exactly one of " + branches + ", got " + describe(node));
      return;
    }
    Map.Entry<String, JsonNode> branch = node.fields().next();
    Integer index = union.getIndexNamed(branch.getKey());
    if (index == null) {
      fail(path, "unknown type '" + branch.getKey() + "', expected one of " + branches);
      return;
    }
    walk(union.getTypes().get(index), branch.getValue(), path);
  }

  private void expect(boolean ok, String path, String expected, JsonNode node) {
    if (!ok) {
      fail(path, "expected " + expected + ", got " + describe(node));
    }
  }

  private void fail(String path, String reason) {
    errors.add(new FieldError(path.isEmpty() ? "$" : path, reason));
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static boolean isLatin1Text(JsonNode node) {
    return node.isTextual() && node.asText().chars().allMatch(c -> c <= 0xFF);
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "the integer " + node : "the number " + node;
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().toString().toLowerCase();
    };
  }

  /** The schema's defaults are only ever null, strings, numbers, booleans and empty lists. */
  private static JsonNode defaultAsJson(Object value) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (value == null || value == JsonProperties.NULL_VALUE) {
      return json.nullNode();
    } else if (value instanceof CharSequence text) {
      return json.textNode(text.toString());
    } else if (value instanceof Integer i) {
      return json.numberNode(i);
    } else if (value instanceof Long l) {
      return json.numberNode(l);
    } else if (value instanceof Double d) {
      return json.numberNode(d);
    } else if (value instanceof Boolean b) {
      return json.booleanNode(b);
    } else if (value instanceof List<?> list && list.isEmpty()) {
      return json.arrayNode();
    }
    throw new IllegalStateException("unsupported default in the event schema: " + value);
  }
}
