package com.storewire.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.DriftCorrected;
import com.storewire.events.DriftDetected;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.OrderCancelled;
import com.storewire.events.OrderOversold;
import com.storewire.events.OrderPlaced;
import com.storewire.events.OrderRejected;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.ReservationReleased;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.StockAdjusted;
import com.storewire.events.StockReserved;
import com.storewire.events.samples.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InvalidEventTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One bad payload per event type: what is wrong, and the field and reason we must be told. */
  static Stream<Arguments> badPayloads() {
    return Stream.of(
        bad(
            EventType.ORDER_PLACED,
            p -> OrderPlaced.newBuilder((OrderPlaced) p).setChannel("Shop Ify").build(),
            "data.channel",
            "not a channel id"),
        bad(
            EventType.ORDER_REJECTED,
            p -> OrderRejected.newBuilder((OrderRejected) p).setShortfalls(List.of()).build(),
            "data.shortfalls",
            "names the SKUs that were short"),
        bad(
            EventType.ORDER_OVERSOLD,
            p -> OrderOversold.newBuilder((OrderOversold) p).setOversoldUnits(1).build(),
            "data.oversold_units",
            "must equal the shortfalls' sum"),
        bad(
            EventType.ORDER_CANCELLED,
            p -> OrderCancelled.newBuilder((OrderCancelled) p).setReleased(List.of()).build(),
            "data.released",
            "at least one entry"),
        bad(
            EventType.STOCK_RESERVED,
            p -> StockReserved.newBuilder((StockReserved) p).setQuantity(0).build(),
            "data.quantity",
            "must be at least 1"),
        bad(
            EventType.RESERVATION_RELEASED,
            p -> ReservationReleased.newBuilder((ReservationReleased) p).setSku("-bad sku").build(),
            "data.sku",
            "not a SKU"),
        bad(
            EventType.STOCK_ADJUSTED,
            p ->
                StockAdjusted.newBuilder((StockAdjusted) p)
                    .setReason(AdjustmentReason.STOCK_TAKE)
                    .build(),
            "data.counted_on_hand",
            "a STOCK_TAKE carries the counted quantity"),
        bad(
            EventType.AVAILABILITY_CHANGED,
            p -> AvailabilityChanged.newBuilder((AvailabilityChanged) p).setSellable(31).build(),
            "data.sellable",
            "must be max(0, on_hand - reserved - safety_stock - ring_fenced - channel_buffer) = 30"),
        bad(
            EventType.SAFETY_STOCK_UPDATED,
            p -> SafetyStockUpdated.newBuilder((SafetyStockUpdated) p).setServiceLevel(1.5).build(),
            "data.service_level",
            "strictly between 0 and 1"),
        bad(
            EventType.SHIPMENT_CREATED,
            p ->
                ShipmentCreated.newBuilder((ShipmentCreated) p)
                    .setShippedAt(java.time.Instant.ofEpochSecond(1_700_000))
                    .build(),
            "data.shipped_at",
            "before 2000-01-01"),
        bad(
            EventType.CONNECTOR_ALERT,
            p -> ConnectorAlert.newBuilder((ConnectorAlert) p).setHttpStatus(42).build(),
            "data.http_status",
            "not an HTTP status"),
        bad(
            EventType.DRIFT_DETECTED,
            p -> DriftDetected.newBuilder((DriftDetected) p).setObserved(" ").build(),
            "data.observed",
            "must not be blank"),
        bad(
            EventType.DRIFT_CORRECTED,
            p ->
                DriftCorrected.newBuilder((DriftCorrected) p)
                    .setSystem(com.storewire.events.SystemId.UNKNOWN)
                    .build(),
            "data.system",
            "UNKNOWN is only what an older reader sees"),
        bad(
            EventType.RAW_VENDOR_PAYLOAD,
            p -> RawVendorPayload.newBuilder((RawVendorPayload) p).setVendorTopic("").build(),
            "data.vendor_topic",
            "must not be blank"));
  }

  private static Arguments bad(
      EventType type, UnaryOperator<SpecificRecord> breakIt, String field, String reason) {
    return Arguments.of(type, breakIt, field, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPayloads")
  void everyTypeRefusesABadPayloadNamingFieldAndReason(
      EventType type, UnaryOperator<SpecificRecord> breakIt, String field, String reason) {
    SpecificRecord payload = breakIt.apply(SampleEvents.payload(type));
    Event sample = SampleEvents.of(type);
    Event event =
        Event.newBuilder(sample)
            .setData(payload)
            .setSubject(safeSubject(type, payload, sample.getSubject()))
            .build();

    assertRefused(() -> EventJson.encode(event), field, reason);
    assertRefused(() -> EventBinary.encode(event), field, reason);
    String json = jsonBypassingValidation(event);
    assertRefused(() -> EventJson.decode(json), field, reason);
  }

  @Test
  void unknownTypeIsNamed() throws Exception {
    ObjectNode tree = tree(EventType.ORDER_PLACED);
    tree.put("type", "com.storewire.order.teleported");

    assertRefused(() -> EventJson.decode(tree.toString()), "type", "unknown event type");
  }

  @Test
  void typeMustMatchTheData() throws Exception {
    ObjectNode tree = tree(EventType.ORDER_PLACED);
    tree.put("type", EventType.ORDER_CANCELLED.ceType());

    assertRefused(
        () -> EventJson.decode(tree.toString()),
        "type",
        "is com.storewire.order.cancelled but data is com.storewire.order.placed");
  }

  @Test
  void newerSchemaVersionIsIncompatible() throws Exception {
    ObjectNode tree = tree(EventType.STOCK_RESERVED);
    tree.put("schema_version", 99);

    assertRefused(
        () -> EventJson.decode(tree.toString()), "schema_version", "incompatible version 99");
  }

  @Test
  void malformedJsonIsRefusedAsAWhole() {
    assertRefused(() -> EventJson.decode("{\"id\": "), "$", "malformed JSON");
    assertRefused(() -> EventJson.decode("[1,2]"), "$", "expected a JSON object");
  }

  @Test
  void shapeErrorsNameEveryBadFieldAtOnce() throws Exception {
    ObjectNode tree = tree(EventType.ORDER_PLACED);
    tree.remove("correlation_id");
    tree.put("surprise", true);
    ObjectNode line =
        (ObjectNode) tree.get("data").get(OrderPlaced.class.getName()).get("lines").get(1);
    line.put("quantity", "two");

    InvalidEventException refused = decodeRefused(tree.toString());

    assertThat(refused.errors())
        .containsExactlyInAnyOrder(
            new FieldError("correlation_id", "required field is missing"),
            new FieldError("surprise", "unknown field for Event"),
            new FieldError("data.lines[1].quantity", "expected an int, got a string"));
  }

  @Test
  void unionBranchMustBeAKnownPayload() throws Exception {
    ObjectNode tree = tree(EventType.ORDER_PLACED);
    tree.set(
        "data", MAPPER.createObjectNode().set("com.storewire.events.Refund", tree.get("data")));

    assertRefused(
        () -> EventJson.decode(tree.toString()),
        "data",
        "unknown type 'com.storewire.events.Refund'");
  }

  @Test
  void absentFieldsWithDefaultsTakeTheSchemaDefault() throws Exception {
    ObjectNode tree = tree(EventType.STOCK_RESERVED);
    tree.remove("specversion");
    tree.remove("causation_id");

    Event event = EventJson.decode(tree.toString());

    assertThat(event.getSpecversion()).isEqualTo("1.0");
    assertThat(event.getCausationId()).isNull();
  }

  @Test
  void binaryWithUnknownFingerprintIsAnIncompatibleVersion() {
    byte[] binary = EventBinary.encode(SampleEvents.of(EventType.ORDER_PLACED));
    binary[2] ^= 0x5A;

    assertRefused(() -> EventBinary.decode(binary), "$", "incompatible version");
  }

  @Test
  void binaryThatIsNotSingleObjectEncodingOrTruncatedIsRefused() {
    byte[] binary = EventBinary.encode(SampleEvents.of(EventType.ORDER_PLACED));

    assertRefused(
        () -> EventBinary.decode("not avro".getBytes(StandardCharsets.UTF_8)),
        "$",
        "not Avro single-object encoding");
    assertRefused(
        () -> EventBinary.decode(Arrays.copyOf(binary, binary.length / 2)),
        "$",
        "truncated or corrupt");
  }

  @Test
  void causedByCarriesTheFlowAlong() {
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);
    Event reserved =
        EventBuilder.of(SampleEvents.payload(EventType.STOCK_RESERVED))
            .source("//storewire/order-intake")
            .causedBy(placed)
            .build();

    assertThat(reserved.getCorrelationId()).isEqualTo(placed.getCorrelationId());
    assertThat(reserved.getCausationId()).isEqualTo(placed.getId());
    assertThat(EventJson.decode(EventJson.encode(reserved))).isEqualTo(reserved);
  }

  private static String safeSubject(EventType type, SpecificRecord payload, String fallback) {
    try {
      return type.subjectOf(payload);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** Writes what a careless producer would, to prove the reader refuses it on its own. */
  private static String jsonBypassingValidation(Event event) {
    try {
      var out = new java.io.ByteArrayOutputStream();
      var encoder =
          org.apache.avro.io.EncoderFactory.get().jsonEncoder(Event.getClassSchema(), out);
      new org.apache.avro.specific.SpecificDatumWriter<Event>(Event.class).write(event, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ObjectNode tree(EventType type) throws Exception {
    return (ObjectNode) MAPPER.readTree(EventJson.encode(SampleEvents.of(type)));
  }

  private static InvalidEventException decodeRefused(String json) {
    try {
      EventJson.decode(json);
    } catch (InvalidEventException e) {
      return e;
    }
    throw new AssertionError("decoded without complaint: " + json);
  }

  private static void assertRefused(Runnable call, String field, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidEventException.class)
        .satisfies(
            e ->
                assertThat(((InvalidEventException) e).errors())
                    .anySatisfy(
                        error -> {
                          assertThat(error.field()).isEqualTo(field);
                          assertThat(error.reason()).contains(reason);
                        }));
  }
}
