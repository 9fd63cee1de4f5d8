package com.storewire.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Pub/Sub message a push subscription POSTs to a connector function: {@code {"message":
 * {"data", "attributes", "messageId", "publishTime", "orderingKey"}, "subscription":
 * "projects/P/subscriptions/S", "deliveryAttempt": N}}. {@code deliveryAttempt} is 0 when the
 * envelope has none (Pub/Sub sends it only on subscriptions with a dead-letter policy, and the
 * emulator never does).
 */
public record PushedMessage(
    String messageId,
    byte[] data,
    Map<String, String> attributes,
    String subscription,
    int deliveryAttempt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The subscription's own name, without its project. */
  public String subscriptionName() {
    return subscription.substring(subscription.lastIndexOf('/') + 1);
  }

  /**
   * Reads a push request's body. A message without data is still a message (Pub/Sub allows
   * attribute-only ones): whether it holds an event is the function's question, not the envelope's.
   */
  public static PushedMessage fromPushBody(byte[] body) throws NotAnEnvelope {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new NotAnEnvelope("body", "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new NotAnEnvelope("body", "not a JSON object");
    }
    JsonNode message = root.path("message");
    if (!message.isObject()) {
      throw new NotAnEnvelope("message", "missing, or not an object");
    }
    String messageId = message.path("messageId").asText("");
    if (messageId.isEmpty()) {
      throw new NotAnEnvelope("message.messageId", "missing");
    }
    String subscription = root.path("subscription").asText("");
    if (!subscription.matches("projects/[^/]+/subscriptions/[^/]+")) {
      throw new NotAnEnvelope("subscription", "not projects/{project}/subscriptions/{name}");
    }
    JsonNode data = message.path("data");
    if (!data.isMissingNode() && !data.isTextual()) {
      throw new NotAnEnvelope("message.data", "not a base64 string");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(data.asText(""));
    } catch (IllegalArgumentException e) {
      throw new NotAnEnvelope("message.data", "not base64");
    }
    JsonNode attributeNode = message.path("attributes");
    if (!attributeNode.isMissingNode() && !attributeNode.isObject()) {
      throw new NotAnEnvelope("message.attributes", "not an object");
    }
    Map<String, String> attributes = new HashMap<>();
    attributeNode.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    return new PushedMessage(
        messageId,
        decoded,
        Map.copyOf(attributes),
        subscription,
        root.path("deliveryAttempt").asInt(0));
  }

  /** A request body that is not a push envelope, with the field that shows it. */
  public static final class NotAnEnvelope extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    NotAnEnvelope(String field, String reason) {
      super(field + ": " + reason);
      this.field = field;
      this.reason = reason;
    }

    public String field() {
      return field;
    }

    public String reason() {
      return reason;
    }
  }
}
