package com.storewire.dataflow.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;

/**
 * A message on its way to a topic it names itself, with its attributes and ordering key: Beam's
 * Pub/Sub coders keep either the topic or the ordering key, and a dynamic ordered publish needs
 * both.
 */
final class RoutedMessageCoder extends CustomCoder<PubsubMessage> {

  private static final Coder<byte[]> PAYLOAD = ByteArrayCoder.of();
  private static final Coder<Map<String, String>> ATTRIBUTES =
      NullableCoder.of(MapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  private static final Coder<String> OPTIONAL_TEXT = NullableCoder.of(StringUtf8Coder.of());

  static RoutedMessageCoder of() {
    return new RoutedMessageCoder();
  }

  @Override
  public void encode(PubsubMessage message, OutputStream out) throws IOException {
    PAYLOAD.encode(message.getPayload(), out);
    ATTRIBUTES.encode(message.getAttributeMap(), out);
    OPTIONAL_TEXT.encode(message.getTopic(), out);
    OPTIONAL_TEXT.encode(message.getOrderingKey(), out);
  }

  @Override
  public PubsubMessage decode(InputStream in) throws IOException {
    byte[] payload = PAYLOAD.decode(in);
    Map<String, String> attributes = ATTRIBUTES.decode(in);
    String topic = OPTIONAL_TEXT.decode(in);
    String orderingKey = OPTIONAL_TEXT.decode(in);
    return new PubsubMessage(payload, attributes, null, orderingKey).withTopic(topic);
  }
}
