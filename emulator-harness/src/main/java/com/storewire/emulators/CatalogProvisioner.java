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

  public CatalogProvisioner(PubSubRest pubsub, String project) {
    this.pubsub = pubsub;
    this.project = project;
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
                subscription.messageOrdering(),
                subscription.deadLetterTopic(),
                subscription.maxDeliveryAttempts(),
                subscription.filter().expression()));
        created += 3;
      }
    }
    return created;
  }
}
