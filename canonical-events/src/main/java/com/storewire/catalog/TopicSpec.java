package com.storewire.catalog;

import com.storewire.events.EventType;
import java.util.List;
import java.util.Set;

/**
 * A topic, what it carries and who publishes and consumes it.
 *
 * @param orderedBySubject publishers set the event's subject (SKU or order id) as ordering key and
 *     subscriptions enable message ordering, so one SKU's changes arrive in order
 */
public record TopicSpec(
    String name,
    String description,
    List<EventType> eventTypes,
    Set<Component> publishers,
    boolean orderedBySubject,
    List<SubscriptionSpec> subscriptions) {

  public TopicSpec {
    eventTypes = List.copyOf(eventTypes);
    publishers = Set.copyOf(publishers);
    subscriptions = List.copyOf(subscriptions);
  }
}
