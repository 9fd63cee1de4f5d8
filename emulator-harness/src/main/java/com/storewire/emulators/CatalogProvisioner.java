package com.storewire.emulators;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.catalog.TopicSpec;

/**
 * Creates the catalog's topics and subscriptions in a Pub/Sub emulator project, as terraform does
 * in Google Cloud: each subscription with its dead-letter topic and attempt limit, and a parked
 * subscription on each dead-letter topic so nothing dead-lettered is lost. Subscriptions are
 * created as pull subscriptions; the local stack attaches push endpoints when it starts services.
 */
public final class CatalogProvisioner {

  private final PubSubRest pubsub;
  private final String project;
  private final boolean ordering;
  private final int backoffDivisor;

  /** Provisions the catalog exactly as it says. */
  public CatalogProvisioner(PubSubRest pubsub, String project) {
    this(pubsub, project, true, 1);
  }

  private CatalogProvisioner(
      PubSubRest pubsub, String project, boolean ordering, int backoffDivisor) {
    this.pubsub = pubsub;
    this.project = project;
    this.ordering = ordering;
    this.backoffDivisor = backoffDivisor;
  }

  /**
   * As the local stack needs it. Subscriptions are unordered: the emulator's ordered subscriptions
   * answer every pull after a nack with HTTP 500 and redeliver without the retry policy's backoff
   * (measured with Cloud SDK 528), so the local push bridge keeps each ordering key in order
   * itself. Backoffs are divided by {@code backoffDivisor}, as a short local run compresses time.
   */
  public CatalogProvisioner forLocalStack(int backoffDivisor) {
    return new CatalogProvisioner(pubsub, project, false, backoffDivisor);
  }

  /**
   * As the catalog says, with backoffs divided by {@code backoffDivisor}: a test that fails a
   * message until it is dead-lettered needs its five attempts in seconds, not minutes.
   */
  public CatalogProvisioner withBackoffDivisor(int backoffDivisor) {
    return new CatalogProvisioner(pubsub, project, ordering, backoffDivisor);
  }

  /** Returns how many Pub/Sub resources it created. */
  public int provision(Catalog catalog) {
    int created = 0;
    for (TopicSpec topic : catalog.topics()) {
      pubsub.createTopic(project, topic.name());
      created++;
      for (SubscriptionSpec subscription : topic.subscriptions()) {
        pubsub.createTopic(project, subscription.deadLetterTopic());
        pubsub.createSubscription(
            project,
            subscription.parkedSubscription(),
            subscription.deadLetterTopic(),
            new PubSubRest.SubscriptionSpec(600, false, null, 0, ""));
        pubsub.createSubscription(
            project,
            subscription.name(),
            topic.name(),
            new PubSubRest.SubscriptionSpec(
                subscription.ackDeadlineSeconds(),
                subscription.messageOrdering() && ordering,
                subscription.deadLetterTopic(),
                subscription.maxDeliveryAttempts(),
                subscription.filter().expression(),
                subscription.minimumBackoff().dividedBy(backoffDivisor),
                subscription.maximumBackoff().dividedBy(backoffDivisor)));
        created += 3;
      }
    }
    return created;
  }
}
