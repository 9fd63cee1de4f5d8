package com.storewire.intake.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.Address;
import com.storewire.events.Money;
import com.storewire.events.OrderLine;
import com.storewire.events.codec.FieldError;
import com.storewire.events.validation.Identifiers;
import com.storewire.intake.IntakeSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v1/orders}, read field by field so that every bad field is named:
 *
 * <pre>{"channel":"storefront","currency":"USD","customer_email":"a@b.c",
 *  "lines":[{"sku":"TEE-1","quantity":2,"unit_price_minor":1999}],
 *  "ship_to":{"name":…,"line1":…,"city":…,"postal_code":…,"country_code":"GB"}}</pre>
 */
record StorefrontOrderRequest(
    String channel, String currency, List<OrderLine> lines, String customerEmail, Address shipTo) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("channel", "currency", "lines", "customer_email", "ship_to");

  Money total() {
    long sum = 0;
    for (OrderLine line : lines) {
      sum =
          Math.addExact(
              sum, Math.multiplyExact(line.getUnitPrice().getAmountMinor(), line.getQuantity()));
    }
    return Money.newBuilder().setAmountMinor(sum).setCurrency(currency).build();
  }

  /** Parses and validates; throws {@link InvalidOrderException} naming every bad field. */
  static StorefrontOrderRequest parse(byte[] body, IntakeSettings settings) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidOrderException(
          List.of(new FieldError("$", "malformed JSON: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<FieldError> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new InvalidOrderException(List.of(new FieldError("$", "expected a JSON object")));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "unknown field"));
      }
    }
    String channel = text(root, "channel", errors);
    if (channel != null && !settings.channels().contains(channel)) {
      errors.add(new FieldError("channel", "not one of " + settings.channels()));
    }
    String currency = text(root, "currency", errors);
    if (currency != null && !Identifiers.isCurrency(currency)) {
      errors.add(new FieldError("currency", "not an ISO 4217 currency code"));
    }
    String email = root.hasNonNull("customer_email") ? text(root, "customer_email", errors) : null;
    if (email != null && !email.contains("@")) {
      errors.add(new FieldError("customer_email", "not an email address"));
    }
    List<OrderLine> lines = lines(root.get("lines"), currency, settings, errors);
    Address shipTo = root.hasNonNull("ship_to") ? address(root.get("ship_to"), errors) : null;
    if (!errors.isEmpty()) {
      throw new InvalidOrderException(errors);
    }
    return new StorefrontOrderRequest(channel, currency, lines, email, shipTo);
  }

  private static List<OrderLine> lines(
      JsonNode node, String currency, IntakeSettings settings, List<FieldError> errors) {
    List<OrderLine> lines = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      errors.add(new FieldError("lines", "required: a non-empty array of lines"));
      return lines;
    }
    if (node.size() > settings.maxLines()) {
      errors.add(
          new FieldError("lines", "at most " + settings.maxLines() + " lines, got " + node.size()));
      return lines;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "lines[" + i + "]";
      JsonNode line = node.get(i);
      if (!line.isObject()) {
        errors.add(new FieldError(at, "expected an object"));
        continue;
      }
      String sku = text(line, "sku", at + ".sku", errors);
      if (sku != null && !Identifiers.isSku(sku)) {
        errors.add(new FieldError(at + ".sku", "not a SKU: " + Identifiers.SKU));
      }
      long quantity = integer(line, "quantity", at + ".quantity", errors);
      if (quantity != Long.MIN_VALUE && (quantity < 1 || quantity > settings.maxQuantity())) {
        errors.add(
            new FieldError(
                at + ".quantity", "must be 1 to " + settings.maxQuantity() + ", got " + quantity));
      }
      long price = integer(line, "unit_price_minor", at + ".unit_price_minor", errors);
      if (price != Long.MIN_VALUE && price < 0) {
        errors.add(new FieldError(at + ".unit_price_minor", "must not be negative"));
      }
      if (sku != null
          && quantity >= 1
          && quantity <= settings.maxQuantity()
          && price >= 0
          && currency != null) {
        lines.add(
            OrderLine.newBuilder()
                .setSku(sku)
                .setQuantity((int) quantity)
                .setUnitPrice(
                    Money.newBuilder().setAmountMinor(price).setCurrency(currency).build())
                .build());
      }
    }
    return lines;
  }

  private static Address address(JsonNode node, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError("ship_to", "expected an object"));
      return null;
    }
    String name = text(node, "name", "ship_to.name", errors);
    String line1 = text(node, "line1", "ship_to.line1", errors);
    String city = text(node, "city", "ship_to.city", errors);
    String postalCode = text(node, "postal_code", "ship_to.postal_code", errors);
    String country = text(node, "country_code", "ship_to.country_code", errors);
    if (country != null && !Identifiers.isCountry(country)) {
      errors.add(new FieldError("ship_to.country_code", "not an ISO 3166-1 alpha-2 code"));
    }
    if (name == null || line1 == null || city == null || postalCode == null || country == null) {
      return null;
    }
    return Address.newBuilder()
        .setName(name)
        .setLine1(line1)
        .setLine2(node.path("line2").isTextual() ? node.get("line2").asText() : null)
        .setCity(city)
        .setRegion(node.path("region").isTextual() ? node.get("region").asText() : null)
        .setPostalCode(postalCode)
        .setCountryCode(country)
        .build();
  }

  private static String text(JsonNode node, String field, List<FieldError> errors) {
    return text(node, field, field, errors);
  }

  private static String text(JsonNode node, String field, String path, List<FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      errors.add(new FieldError(path, "required"));
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      errors.add(new FieldError(path, "expected a non-blank string"));
      return null;
    }
    return value.asText();
  }

  private static long integer(JsonNode node, String field, String path, List<FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      errors.add(new FieldError(path, "required"));
      return Long.MIN_VALUE;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      errors.add(new FieldError(path, "expected an integer"));
      return Long.MIN_VALUE;
    }
    return value.asLong();
  }
}
