package com.storewire.events.validation;

import com.storewire.events.AdjustmentReason;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventSchema;
import com.storewire.events.EventType;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderOversold;
import com.storewire.events.OrderPlaced;
import com.storewire.events.OrderRejected;
import com.storewire.events.OrderRejectionReason;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.StockAdjusted;
import com.storewire.events.StockShortfall;
import com.storewire.events.codec.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rules an event must meet beyond its schema's shape. Field rules go by field name, so one rule
 * covers every payload that carries a {@code sku}, a {@code currency} or a {@code quantity}; rules
 * that relate fields to each other are per event type.
 */
public final class EventValidator {

  /** Anything earlier is a unit mistake (seconds for milliseconds) or an unset field. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private static final int MAX_ARRAY_LENGTH = 500;
  private static final int MAX_ID_LENGTH = 256;

  /** Integers that must be at least 1; every other integer must be at least 0 unless signed. */
  private static final Set<String> POSITIVE = Set.of("quantity", "requested", "attempt");

  private static final Set<String> SIGNED = Set.of("quantity_change", "quantity_delta");

  private static final Set<String> NON_EMPTY_ARRAYS = Set.of("lines", "released");

  private final List<FieldError> errors = new ArrayList<>();

  private EventValidator() {}

  public static List<FieldError> validate(Event event) {
    EventValidator validator = new EventValidator();
    validator.checkEnvelope(event);
    return List.copyOf(validator.errors);
  }

  private void checkEnvelope(Event event) {
    requireId("id", event.getId());
    requireText("source", event.getSource());
    if (event.getSource() != null) {
      try {
        new URI(event.getSource());
      } catch (URISyntaxException e) {
        fail("source", "not a URI reference: " + e.getReason());
      }
    }
    if (!"1.0".equals(event.getSpecversion())) {
      fail("specversion", "must be 1.0, the CloudEvents version we speak");
    }
    checkTime("time", event.getTime());
    requireId("idempotency_key", event.getIdempotencyKey());
    requireId("correlation_id", event.getCorrelationId());
    if (event.getCausationId() != null) {
      requireId("causation_id", event.getCausationId());
    }
    Integer version = event.getSchemaVersion();
    if (version == null || version < 1 || version > EventSchema.CURRENT_VERSION) {
      fail("schema_version", "must be 1 to " + EventSchema.CURRENT_VERSION + ", got " + version);
    }
    if (!(event.getData() instanceof SpecificRecord data)) {
      fail("data", "required payload is missing");
      return;
    }
    EventType dataType = EventType.ofPayload(data);
    if (event.getType() == null || EventType.ofCeType(event.getType()).isEmpty()) {
      fail("type", "unknown event type '" + event.getType() + "'");
    } else if (!dataType.ceType().equals(event.getType())) {
      fail("type", "is " + event.getType() + " but data is " + dataType.ceType());
    }
    checkRecord("data", data);
    if (errors.isEmpty() && !dataType.subjectOf(data).equals(event.getSubject())) {
      fail("subject", "must be '" + dataType.subjectOf(data) + "' for this " + dataType.ceType());
    }
    if (errors.isEmpty()) {
      checkRelations(dataType, data);
    }
  }

  private void checkRecord(String path, IndexedRecord record) {
    for (Schema.Field field : record.getSchema().getFields()) {
      checkValue(path + "." + field.name(), field.name(), field.schema(), record.get(field.pos()));
    }
  }

  private void checkValue(String path, String name, Schema schema, Object value) {
    if (schema.getType() == Schema.Type.UNION) {
      if (value == null) {
        if (!schema.isNullable()) {
          fail(path, "must not be null");
        }
        return;
      }
      schema = schema.getTypes().get(schema.getIndexNamed(branchName(schema, value)));
    }
    if (value == null) {
      fail(path, "required field is missing");
      return;
    }
    if (value instanceof Instant instant) {
      checkTime(path, instant);
      return;
    }
    switch (schema.getType()) {
      case RECORD -> checkRecord(path, (IndexedRecord) value);
      case ARRAY -> checkArray(path, name, schema, (List<?>) value);
      case STRING -> checkString(path, name, value.toString());
      case INT, LONG -> checkInteger(path, name, ((Number) value).longValue());
      case DOUBLE, FLOAT -> checkDecimal(path, name, ((Number) value).doubleValue());
      case ENUM -> {
        if ("UNKNOWN".equals(value.toString())) {
          fail(path, "UNKNOWN is only what an older reader sees; write a real " + schema.getName());
        }
      }
      case BYTES -> {
        if (!(value instanceof ByteBuffer)) {
          fail(path, "expected bytes");
        }
      }
      default -> {}
    }
  }

  private static String branchName(Schema union, Object value) {
    if (value instanceof IndexedRecord record) {
      return record.getSchema().getFullName();
    } else if (value instanceof GenericEnumSymbol<?> symbol) {
      return symbol.getSchema().getFullName();
    }
    return union.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow()
        .getFullName();
  }

  private void checkArray(String path, String name, Schema schema, List<?> items) {
    if (items.size() > MAX_ARRAY_LENGTH) {
      fail(path, "at most " + MAX_ARRAY_LENGTH + " entries, got " + items.size());
    }
    if (items.isEmpty() && NON_EMPTY_ARRAYS.contains(name)) {
      fail(path, "must have at least one entry");
    }
    for (int i = 0; i < items.size(); i++) {
      checkValue(path + "[" + i + "]", name, schema.getElementType(), items.get(i));
    }
  }

  private void checkString(String path, String name, String value) {
    if (value.isBlank()) {
      fail(path, "must not be blank");
      return;
    }
    switch (name) {
      case "sku" -> expect(Identifiers.isSku(value), path, "not a SKU: " + Identifiers.SKU);
      case "channel" ->
          expect(Identifiers.isChannel(value), path, "not a channel id: " + Identifiers.CHANNEL);
      case "currency" ->
          expect(Identifiers.isCurrency(value), path, "not an ISO 4217 currency: " + value);
      case "country_code" ->
          expect(Identifiers.isCountry(value), path, "not an ISO 3166-1 alpha-2 code: " + value);
      case "customer_email" -> expect(value.contains("@"), path, "not an email address");
      default -> {
        if (name.endsWith("_id") && value.length() > MAX_ID_LENGTH) {
          fail(path, "ids are at most " + MAX_ID_LENGTH + " characters");
        }
      }
    }
  }

  private void checkInteger(String path, String name, long value) {
    if (POSITIVE.contains(name) && value < 1) {
      fail(path, "must be at least 1, got " + value);
    } else if (!POSITIVE.contains(name) && !SIGNED.contains(name) && value < 0) {
      fail(path, "must not be negative, got " + value);
    } else if ("http_status".equals(name) && (value < 100 || value > 599)) {
      fail(path, "not an HTTP status: " + value);
    }
  }

  private void checkDecimal(String path, String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      fail(path, "must be a finite number of at least 0, got " + value);
    } else if ("service_level".equals(name) && (value <= 0 || value >= 1)) {
      fail(path, "a service level lies strictly between 0 and 1, got " + value);
    }
  }

  private void checkRelations(EventType type, SpecificRecord data) {
    switch (type) {
      case ORDER_PLACED -> {
        OrderPlaced order = (OrderPlaced) data;
        String currency = order.getTotal().getCurrency();
        List<OrderLine> lines = order.getLines();
        for (int i = 0; i < lines.size(); i++) {
          expect(
              lines.get(i).getUnitPrice().getCurrency().equals(currency),
              "data.lines[" + i + "].unit_price.currency",
              "differs from the order total's currency " + currency);
        }
      }
      case ORDER_REJECTED -> {
        OrderRejected rejected = (OrderRejected) data;
        expect(
            rejected.getReason() != OrderRejectionReason.INSUFFICIENT_STOCK
                || !rejected.getShortfalls().isEmpty(),
            "data.shortfalls",
            "an INSUFFICIENT_STOCK rejection names the SKUs that were short");
      }
      case ORDER_OVERSOLD -> checkOversold((OrderOversold) data);
      case STOCK_ADJUSTED -> checkAdjustment((StockAdjusted) data);
      case AVAILABILITY_CHANGED -> {
        AvailabilityChanged a = (AvailabilityChanged) data;
        if (a.getLot() != null) {
          expect(a.getSellable() == a.getLot(), "data.sellable", "must be the lot, " + a.getLot());
        } else {
          int expected =
              Math.max(
                  0,
                  a.getOnHand()
                      - a.getReserved()
                      - a.getSafetyStock()
                      - a.getRingFenced()
                      - a.getChannelBuffer());
          expect(
              a.getSellable() == expected,
              "data.sellable",
              "must be max(0, on_hand - reserved - safety_stock - ring_fenced - channel_buffer) = "
                  + expected);
        }
        expect(a.getRingFenced() >= 0, "data.ring_fenced", "must not be negative");
      }
      case SAFETY_STOCK_UPDATED -> {
        SafetyStockUpdated s = (SafetyStockUpdated) data;
        expect(
            s.getWindowStart().isBefore(s.getWindowEnd()),
            "data.window_end",
            "must be after window_start");
      }
      default -> {}
    }
  }

  private void checkOversold(OrderOversold oversold) {
    expect(!oversold.getShortfalls().isEmpty(), "data.shortfalls", "must name what was oversold");
    int units = 0;
    for (int i = 0; i < oversold.getShortfalls().size(); i++) {
      StockShortfall shortfall = oversold.getShortfalls().get(i);
      expect(
          shortfall.getAvailable() < shortfall.getRequested(),
          "data.shortfalls[" + i + "].available",
          "must be less than requested for a shortfall");
      units += shortfall.getRequested() - shortfall.getAvailable();
    }
    expect(
        oversold.getOversoldUnits() == units,
        "data.oversold_units",
        "must equal the shortfalls' sum of requested - available = " + units);
  }

  private void checkAdjustment(StockAdjusted adjusted) {
    boolean stockTake = adjusted.getReason() == AdjustmentReason.STOCK_TAKE;
    if (stockTake) {
      expect(
          adjusted.getCountedOnHand() != null,
          "data.counted_on_hand",
          "a STOCK_TAKE carries the counted quantity");
      expect(
          adjusted.getQuantityChange() == null,
          "data.quantity_change",
          "a STOCK_TAKE carries counted_on_hand, not a change");
    } else {
      expect(
          adjusted.getQuantityChange() != null && adjusted.getQuantityChange() != 0,
          "data.quantity_change",
          "a " + adjusted.getReason() + " carries a non-zero change");
      expect(
          adjusted.getCountedOnHand() == null,
          "data.counted_on_hand",
          "only a STOCK_TAKE carries a counted quantity");
    }
  }

  private void checkTime(String path, Instant time) {
    if (time == null) {
      fail(path, "required timestamp is missing");
    } else if (time.isBefore(EARLIEST)) {
      fail(path, "before 2000-01-01, likely seconds given as milliseconds: " + time);
    }
  }

  private void requireId(String path, String value) {
    requireText(path, value);
    if (value != null && value.length() > MAX_ID_LENGTH) {
      fail(path, "at most " + MAX_ID_LENGTH + " characters");
    }
  }

  private void requireText(String path, String value) {
    if (value == null || value.isBlank()) {
      fail(path, "must not be blank");
    }
  }

  private void expect(boolean ok, String path, String reason) {
    if (!ok) {
      fail(path, reason);
    }
  }

  private void fail(String path, String reason) {
    errors.add(new FieldError(path, reason));
  }
}
