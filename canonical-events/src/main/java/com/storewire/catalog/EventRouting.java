package com.storewire.catalog;

import com.storewire.events.Event;
import com.storewire.events.EventType;
import java.util.Map;

/**
 * Where and how an event is published, per the catalog: its topic, its ordering key, and the
 * Pub/Sub attributes of the CloudEvents Pub/Sub binding ({@code ce-} prefixed) that let a
 * subscriber route or filter without parsing the body.
 */
public final class EventRouting {

  private final Catalog catalog;

  public EventRouting(Catalog catalog) {
    this.catalog = catalog;
  }

  public TopicSpec topicOf(Event event) {
    return catalog.topicFor(EventType.ofPayload(event.getData()));
  }

  /** The subject on ordered topics, so one SKU's or order's events stay in order; else none. */
  public String orderingKey(Event event) {
    return topicOf(event).orderedBySubject() ? event.getSubject() : "";
  }

  public static Map<String, String> attributes(Event event) {
    return Map.of(
        "ce-id", event.getId(),
        "ce-source", event.getSource(),
        "ce-type", event.getType(),
        "ce-subject", event.getSubject(),
        "ce-time", event.getTime().toString(),
        "ce-specversion", event.getSpecversion(),
        "content-type", "application/json",
        "schema-version", Integer.toString(event.getSchemaVersion()));
  }
}
