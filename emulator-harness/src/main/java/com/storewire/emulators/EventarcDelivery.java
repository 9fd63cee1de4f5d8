package com.storewire.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * What Eventarc hands a Pub/Sub-triggered function, made locally: a CloudEvent of type {@code
 * google.cloud.pubsub.topic.v1.messagePublished} whose data is {@code {"message": {data,
 * attributes, messageId, publishTime}, "subscription"}}.
 */
public final class EventarcDelivery {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventarcDelivery() {}

  /** A message as pulled from the emulator, delivered from {@code subscription}. */
  public static CloudEvent of(
      PubSubRest.ReceivedMessage message, String project, String subscription) {
    return messagePublished(
        message.messageId(), message.data(), message.attributes(), project, subscription);
  }

  /** An event as its publisher would publish it, delivered from {@code subscription}. */
  public static CloudEvent of(Event event, String project, String subscription) {
    return messagePublished(
        UUID.randomUUID().toString(),
        EventJson.encode(event),
        EventRouting.attributes(event),
        project,
        subscription);
  }

  /**
   * An event as its publisher would publish it, delivered from whichever of {@code consumer}'s
   * subscriptions on the event's topic admits it, as Pub/Sub applies the catalog's filters.
   */
  public static CloudEvent toConsumer(Event event, String project, String consumer) {
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

  private static CloudEvent messagePublished(
      String messageId,
      byte[] data,
      Map<String, String> attributes,
      String project,
      String subscription) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode message = body.putObject("message");
    message
        .put("data", Base64.getEncoder().encodeToString(data))
        .put("messageId", messageId)
        .put("publishTime", OffsetDateTime.now().toString());
    ObjectNode attributeNode = message.putObject("attributes");
    attributes.forEach(attributeNode::put);
    body.put("subscription", "projects/" + project + "/subscriptions/" + subscription);
    try {
      return CloudEventBuilder.v1()
          .withId(messageId)
          .withSource(
              URI.create(
                  "//pubsub.googleapis.com/projects/"
                      + project
                      + "/topics/"
                      + Catalog.storewire()
                          .subscription(subscription)
                          .map(SubscriptionSpec::topic)
                          .orElse("unknown")))
          .withType("google.cloud.pubsub.topic.v1.messagePublished")
          .withTime(OffsetDateTime.now())
          .withData("application/json", JSON.writeValueAsBytes(body))
          .build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
