package com.storewire.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.samples.SampleEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventRoundTripTest {

  @ParameterizedTest
  @EnumSource(EventType.class)
  void jsonRoundTripKeepsEveryField(EventType type) throws Exception {
    Event event = SampleEvents.of(type);

    byte[] json = EventJson.encode(event);
    Event decoded = EventJson.decode(json);

    assertThat(decoded).isEqualTo(event);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.get("type").asText()).isEqualTo(type.ceType());
    assertThat(tree.get("time").asLong()).isEqualTo(SampleEvents.AT.toEpochMilli());
    assertThat(tree.get("data").fieldNames().next()).isEqualTo(type.payloadClass().getName());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void binaryRoundTripKeepsEveryField(EventType type) {
    Event event = SampleEvents.of(type);

    byte[] binary = EventBinary.encode(event);

    assertThat(EventBinary.decode(binary)).isEqualTo(event);
    assertThat(binary).startsWith((byte) 0xC3, (byte) 0x01);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void envelopeDerivesTypeAndSubjectFromThePayload(EventType type) {
    Event event = SampleEvents.of(type);

    assertThat(event.getType()).isEqualTo(type.ceType());
    assertThat(event.getSubject()).isEqualTo(type.subjectOf(SampleEvents.payload(type)));
    assertThat(event.getIdempotencyKey()).isEqualTo(event.getId());
  }
}
