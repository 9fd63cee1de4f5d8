package com.storewire.catalog;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import java.util.HashMap;
import java.util.Map;

/**
 * Where and how an event is published, per the catalog: its topic, its ordering key, and the
 * Pub/Sub attributes of the CloudEvents Pub/Sub binding ({@code ce-} prefixed) that let a
 * subscriber route or filter without parsing the body.
 */
public final class EventRouting {

  /** The attribute that sends a stock update down the priority path or the routine one. */
  public static final String URGENCY = "urgency";

  public static final String URGENT = "urgent";
  public static final String ROUTINE = "routine";

  /**
   * A channel at or below this many sellable units is about to sell out: its update is urgent, for
   * a marketplace still showing more would sell what is gone.
   */
  public static final int LOW_STOCK_UNITS = 5;

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

  /** Whether a stock update takes its channel to the low-stock threshold or below. */
  public static boolean urgent(AvailabilityChanged availability) {
    return availability.getSellable() <= LOW_STOCK_UNITS;
  }

  public static Map<String, String> attributes(Event event) {
    Map<String, String> attributes = new HashMap<>(common(event));
    if (event.getData() instanceof AvailabilityChanged availability) {
      attributes.put(URGENCY, urgent(availability) ? URGENT : ROUTINE);
    }
    return Map.copyOf(attributes);
  }

  private static Map<String, String> common(Event event) {
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
