package com.storewire.reconciliation.parked;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds parked messages on every parked subscription of the catalog and replays them to the topic
 * they first came on — whether a function parked them (permanent failures, with reason) or
 * Pub/Sub's dead-letter policy did (transient failures past max attempts). Consumers dedupe by
 * event id, so replaying twice changes nothing at a vendor; a replayed message is acknowledged, so
 * it is not replayed again. {@code ./storewire replay} and the reconciliation job share this code.
 */
public final class ParkedReplay {

  /** Which parked messages to take; null fields take all. */
  public record Filter(String vendor, String reason, Instant since, Instant until) {

    public static final Filter ALL = new Filter(null, null, null, null);

    boolean wants(ParkedMessages.Parked p) {
      return (vendor == null || vendor.equalsIgnoreCase(p.vendor()))
          && (reason == null || reason.equalsIgnoreCase(p.reason()))
          && (since == null || !p.parkedAt().isBefore(since))
          && (until == null || p.parkedAt().isBefore(until));
    }
  }

  /** A parked message and the topic it first came on. */
  public record Match(ParkedMessages.Parked parked, String topic) {

    /** The event it carries, or empty when it is not one (it was parked for that). */
    public Optional<Event> event() {
      try {
        return Optional.of(EventJson.decode(parked.message().getData().toByteArray()));
      } catch (InvalidEventException e) {
        return Optional.empty();
      }
    }

    public String describe() {
      return event()
          .map(e -> e.getType() + " " + e.getId())
          .orElse("(not an event: " + parked.message().getData().size() + " bytes)");
    }
  }

  private final ParkedMessages parked;

  public ParkedReplay(ParkedMessages parked) {
    this.parked = parked;
  }

  /**
   * Every wanted message, held until replayed or released; what the filter leaves alone is put
   * straight back.
   */
  public List<Match> collect(Filter filter) {
    List<Match> matches = new ArrayList<>();
    for (SubscriptionSpec subscription : Catalog.storewire().subscriptions()) {
      collect(subscription, filter, matches);
    }
    return matches;
  }

  /** Publishes the message again to its first topic, then acknowledges the parked copy. */
  public void replay(Match match) throws Exception {
    parked.republish(match.parked(), match.topic());
    parked.acknowledge(match.parked());
  }

  /** Acknowledges a parked message without replaying it (something else made it obsolete). */
  public void discard(Match match) {
    parked.acknowledge(match.parked());
  }

  /** Puts a message back on its parked subscription at once, untouched. */
  public void release(Match match) {
    parked.release(match.parked());
  }

  /** Pulls until a pull brings nothing new. */
  private void collect(SubscriptionSpec subscription, Filter filter, List<Match> matches) {
    Set<String> seen = new HashSet<>();
    while (true) {
      List<ParkedMessages.Parked> batch =
          parked.pull(subscription.parkedSubscription(), subscription.consumerName(), 100);
      boolean anyNew = false;
      for (ParkedMessages.Parked p : batch) {
        if (!seen.add(p.message().getMessageId())) {
          parked.release(p);
          continue;
        }
        anyNew = true;
        if (filter.wants(p)) {
          matches.add(new Match(p, subscription.topic()));
        } else {
          parked.release(p);
        }
      }
      if (!anyNew) {
        return;
      }
    }
  }
}
