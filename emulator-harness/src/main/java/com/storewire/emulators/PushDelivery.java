package com.storewire.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The body a Pub/Sub push subscription POSTs to its endpoint, made locally: {@code {"message":
 * {"data", "attributes", "messageId", "publishTime", "orderingKey"}, "subscription":
 * "projects/P/subscriptions/S", "deliveryAttempt"}}, the last only when known (Pub/Sub sends it on
 * subscriptions with a dead-letter policy).
 */
public final class PushDelivery {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PushDelivery() {}

  /** A message as pulled from the emulator, pushed from {@code subscription}. */
  public static byte[] of(PubSubRest.ReceivedMessage message, String project, String subscription) {
    ObjectNode body =
        envelope(
            message.messageId(),
            message.data(),
            message.attributes(),
            message.publishTime().isEmpty()
                ? OffsetDateTime.now().toString()
                : message.publishTime(),
            project,
            subscription);
    if (!message.orderingKey().isEmpty()) {
      ((ObjectNode) body.get("message")).put("orderingKey", message.orderingKey());
    }
    if (message.deliveryAttempt() > 0) {
      body.put("deliveryAttempt", message.deliveryAttempt());
    }
    return json(body);
  }

  /** An event as its publisher would publish it, pushed from {@code subscription}. */
  public static byte[] of(Event event, String project, String subscription) {
    return json(
        envelope(
            UUID.randomUUID().toString(),
            EventJson.encode(event),
            EventRouting.attributes(event),
            OffsetDateTime.now().toString(),
            project,
            subscription));
  }

  /**
   * An event as its publisher would publish it, pushed from whichever of {@code consumer}'s
   * subscriptions on the event's topic admits it, as Pub/Sub applies the catalog's filters.
   */
  public static byte[] toConsumer(Event event, String project, String consumer) {
    Map<String, String> attributes = EventRouting.attributes(event);
    SubscriptionSpec subscription =
        new EventRouting(Catalog.storewire())
            .topicOf(event).subscriptions().stream()
                .filter(
                    s ->
                        s.consumerName().equals(consumer)
                            || s.consumerName().startsWith(consumer + "-"))
                .filter(s -> s.filter().admits(attributes))
                .findFirst()
                .orElseThrow(
                    () -> new IllegalArgumentException(consumer + " takes no " + event.getType()));
    return of(event, project, subscription.name());
  }

  private static ObjectNode envelope(
      String messageId,
      byte[] data,
      Map<String, String> attributes,
      String publishTime,
      String project,
      String subscription) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode message = body.putObject("message");
    message
        .put("data", Base64.getEncoder().encodeToString(data))
        .put("messageId", messageId)
        .put("publishTime", publishTime);
    message.set("attributes", JSON.valueToTree(attributes));
    body.put("subscription", "projects/" + project + "/subscriptions/" + subscription);
    return body;
  }

  private static byte[] json(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
