package com.storewire.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Pub/Sub message inside the CloudEvent Eventarc delivers to a {@link CloudEventsFunction}:
 * {@code {"message": {"data", "attributes", "messageId", "publishTime"}, "subscription"}}.
 */
public record PushedMessage(
    String messageId, byte[] data, Map<String, String> attributes, String subscription) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Null for a CloudEvent that carries no Pub/Sub message: poison, to be parked. */
  public static PushedMessage of(CloudEvent event) {
    if (event.getData() == null) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(event.getData().toBytes());
      JsonNode message = root.path("message");
      if (!message.path("data").isTextual()) {
        return null;
      }
      Map<String, String> attributes = new HashMap<>();
      message
          .path("attributes")
          .fields()
          .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
      return new PushedMessage(
          message.path("messageId").asText(""),
          Base64.getDecoder().decode(message.get("data").asText()),
          attributes,
          root.path("subscription").asText(""));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
