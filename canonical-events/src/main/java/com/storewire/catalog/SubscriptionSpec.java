package com.storewire.catalog;

import java.time.Duration;

/**
 * One consumer's subscription to a topic. Every one dead-letters to its own topic, so a parked
 * message says which consumer failed it, and every dead-letter topic has a parked subscription that
 * keeps the messages for replay (Pub/Sub drops what reaches a topic with no subscription).
 *
 * @param consumerName what inside the component consumes, e.g. the vendor function or pipeline
 * @param filter which of the topic's messages the subscription takes
 */
public record SubscriptionSpec(
    String name,
    String topic,
    Component consumer,
    String consumerName,
    int ackDeadlineSeconds,
    int maxDeliveryAttempts,
    boolean messageOrdering,
    AttributeFilter filter,
    Duration minimumBackoff,
    Duration maximumBackoff) {

  /** Pub/Sub accepts 5 to 100 delivery attempts before dead-lettering. */
  public static final int MIN_DELIVERY_ATTEMPTS = 5;

  public static final int MAX_DELIVERY_ATTEMPTS = 100;

  public Component.Delivery delivery() {
    return consumer.delivery();
  }

  public String deadLetterTopic() {
    return name + "--dead-letter";
  }

  /** Holds dead-lettered messages until the reconciliation job replays or discards them. */
  public String parkedSubscription() {
    return deadLetterTopic() + "--parked";
  }
}
