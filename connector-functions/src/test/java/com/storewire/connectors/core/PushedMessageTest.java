package com.storewire.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading the bodies Pub/Sub push subscriptions POST, and refusing what is not one. */
class PushedMessageTest {

  private static PushedMessage read(String body) throws PushedMessage.NotAnEnvelope {
    return PushedMessage.fromPushBody(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsThePushEnvelopeOfPubSubWithItsDeliveryAttempt() throws Exception {
    PushedMessage message =
        read(
            "{\"message\":{\"attributes\":{\"urgency\":\"urgent\"},\"data\":\"aGVsbG8=\","
                + "\"messageId\":\"2070443601311540\",\"publishTime\":\"2021-02-26T19:13:55.749Z\","
                + "\"orderingKey\":\"SKU-1\"},"
                + "\"subscription\":\"projects/shop-prod/subscriptions/availability--shopify\","
                + "\"deliveryAttempt\":3}");

    assertThat(message.messageId()).isEqualTo("2070443601311540");
    assertThat(new String(message.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(message.attributes())
        .containsExactlyEntriesOf(java.util.Map.of("urgency", "urgent"));
    assertThat(message.subscriptionName()).isEqualTo("availability--shopify");
    assertThat(message.deliveryAttempt()).isEqualTo(3);
  }

  /** As the emulator (Cloud SDK 528) pushed it: snake_case twins, no delivery attempt. */
  @Test
  void readsThePushEnvelopeOfTheEmulator() throws Exception {
    PushedMessage message =
        read(
            "{\"subscription\":\"projects\\/probe\\/subscriptions\\/sss\",\"message\":"
                + "{\"publishTime\":\"2026-12-02T00:53:32.348Z\",\"data\":\"aGVsbG8=\","
                + "\"publish_time\":\"2026-12-02T00:53:32.348Z\",\"messageId\":\"1\","
                + "\"attributes\":{\"a\":\"b\"},\"message_id\":\"1\"}}");

    assertThat(message.messageId()).isEqualTo("1");
    assertThat(message.subscriptionName()).isEqualTo("sss");
    assertThat(message.deliveryAttempt()).isZero();
  }

  @Test
  void aMessageWithAttributesOnlyIsAMessageWithNoData() throws Exception {
    PushedMessage message =
        read(
            "{\"message\":{\"attributes\":{\"a\":\"b\"},\"messageId\":\"7\"},"
                + "\"subscription\":\"projects/p/subscriptions/orders--logiwa\"}");

    assertThat(message.data()).isEmpty();
  }

  @Test
  void namesTheFieldThatIsWrong() {
    assertThatThrownBy(() -> read("[1,2]"))
        .isInstanceOfSatisfying(
            PushedMessage.NotAnEnvelope.class, e -> assertThat(e.field()).isEqualTo("body"));
    assertThatThrownBy(
            () ->
                read(
                    "{\"message\":{\"data\":\"%%%\",\"messageId\":\"7\"},"
                        + "\"subscription\":\"projects/p/subscriptions/s-1\"}"))
        .isInstanceOfSatisfying(
            PushedMessage.NotAnEnvelope.class,
            e -> assertThat(e.field()).isEqualTo("message.data"));
    assertThatThrownBy(
            () ->
                read(
                    "{\"message\":{\"data\":\"aGk=\"},"
                        + "\"subscription\":\"projects/p/subscriptions/s-1\"}"))
        .isInstanceOfSatisfying(
            PushedMessage.NotAnEnvelope.class,
            e -> assertThat(e.field()).isEqualTo("message.messageId"));
    assertThatThrownBy(
            () -> read("{\"message\":{\"data\":\"aGk=\",\"messageId\":\"7\"},\"subscription\":7}"))
        .isInstanceOfSatisfying(
            PushedMessage.NotAnEnvelope.class,
            e -> assertThat(e.field()).isEqualTo("subscription"));
  }
}
