package com.storewire.dataflow.normalise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A vendor's JSON, read field by field with the path kept, so that every refusal names the field
 * ({@code notification.data.lineItems[1].sku}) and every unknown field can be counted as drift.
 */
public final class JsonPayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode node;
  private final String path;

  private JsonPayload(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The body as a JSON object, or a refusal naming the whole body ({@code $}). */
  public static JsonPayload parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new PayloadException("$", "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new PayloadException("$", "unreadable: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new PayloadException("$", "not a JSON object");
    }
    return new JsonPayload(root, "");
  }

  /** A nested object that must be there. */
  public JsonPayload object(String field) {
    JsonNode value = present(field);
    if (!value.isObject()) {
      throw new PayloadException(pathOf(field), "not an object");
    }
    return new JsonPayload(value, pathOf(field));
  }

  /** A nested object that may be missing or null. */
  public Optional<JsonPayload> optionalObject(String field) {
    JsonNode value = node.path(field);
    return value.isObject() ? Optional.of(new JsonPayload(value, pathOf(field))) : Optional.empty();
  }

  /** The first object of an array that may be missing, null or empty. */
  public Optional<JsonPayload> firstOf(String field) {
    JsonNode value = node.path(field);
    return value.isArray() && !value.isEmpty() && value.get(0).isObject()
        ? Optional.of(new JsonPayload(value.get(0), pathOf(field) + "[0]"))
        : Optional.empty();
  }

  /** An array of objects that must be there and not be empty. */
  public List<JsonPayload> nonEmptyArray(String field) {
    JsonNode value = present(field);
    if (!value.isArray() || value.isEmpty()) {
      throw new PayloadException(pathOf(field), "not a non-empty array");
    }
    List<JsonPayload> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String itemPath = pathOf(field) + "[" + i + "]";
      if (!value.get(i).isObject()) {
        throw new PayloadException(itemPath, "not an object");
      }
      items.add(new JsonPayload(value.get(i), itemPath));
    }
    return items;
  }

  /** Text (a JSON string or number, as vendors send ids either way) that must be there. */
  public String text(String field) {
    JsonNode value = present(field);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw new PayloadException(pathOf(field), "not a non-blank value");
    }
    return value.asText();
  }

  public Optional<String> optionalText(String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  /** A whole number, sent as a JSON number or a numeric string. */
  public int wholeNumber(String field) {
    JsonNode value = present(field);
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.asInt();
    }
    try {
      return Integer.parseInt(value.asText());
    } catch (NumberFormatException e) {
      throw new PayloadException(pathOf(field), "not a whole number: " + value);
    }
  }

  /** A decimal amount, as {@code "19.99"} or {@code 19.99}. */
  public BigDecimal decimal(String field) {
    JsonNode value = present(field);
    try {
      return new BigDecimal(value.asText());
    } catch (NumberFormatException e) {
      throw new PayloadException(pathOf(field), "not a decimal amount: " + value);
    }
  }

  /** The path of one of this object's fields, for a refusal a parser raises itself. */
  public String pathOf(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** This object's fields that {@code known} does not list, by path: schema drift. */
  public List<String> unknownFields(Set<String> known) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        unknown.add(pathOf(name));
      }
    }
    return unknown;
  }

  private JsonNode present(String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw new PayloadException(pathOf(field), "required field is missing");
    }
    return value;
  }
}
