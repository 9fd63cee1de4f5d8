package com.storewire.reconciliation.parked;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import com.storewire.reconciliation.run.Counts;
import com.storewire.reconciliation.run.DriftEvents;
import com.storewire.reconciliation.run.TaskSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job does with parked messages: reports each by vendor and reason, and replays what is
 * safe to replay.
 *
 * <ul>
 *   <li>A parked stock level is never replayed as it was: a newer one may have been written since,
 *       and an old absolute quantity would undo it. The channel gets the SKU's current truth
 *       instead, and the parked copy is acknowledged.
 *   <li>Anything else parked for a transient reason (throttled, unavailable, timed out, an expired
 *       token, or past the subscription's delivery attempts) is replayed as it was; consumers
 *       dedupe by event id.
 *   <li>What a vendor refused for good, or what is not an event, stays parked for a person:
 *       replaying it would be refused again.
 * </ul>
 */
public final class ParkedRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(ParkedRecovery.class);

  static final Set<String> TRANSIENT =
      Set.of("MAX_DELIVERY_ATTEMPTS", "RATE_LIMITED", "UNAVAILABLE", "TIMEOUT", "AUTH_EXPIRED");

  private final TaskSettings task;
  private final ParkedReplay replay;
  private final OrderIntakeClient intake;
  private final DriftEvents events;
  private final Counts counts;

  public ParkedRecovery(
      TaskSettings task,
      ParkedReplay replay,
      OrderIntakeClient intake,
      DriftEvents events,
      Counts counts) {
    this.task = task;
    this.replay = replay;
    this.intake = intake;
    this.events = events;
    this.counts = counts;
  }

  public void run() throws Exception {
    List<ParkedReplay.Match> parked = replay.collect(ParkedReplay.Filter.ALL);
    Map<String, SkuTruth> truths =
        intake.truths(
            parked.stream()
                .map(m -> stockLevel(m).map(AvailabilityChanged::getSku).orElse(null))
                .filter(sku -> sku != null)
                .toList());
    for (ParkedReplay.Match match : parked) {
      String vendor = match.parked().vendor();
      String reason = match.parked().reason();
      counts.add("parked", 1, "vendor", vendor, "reason", reason);
      String outcome = outcome(match, truths);
      counts.add("replays", 1, "outcome", outcome);
      LOG.atInfo()
          .addKeyValue("parked_vendor", vendor)
          .addKeyValue("parked_reason", reason)
          .addKeyValue("replay_outcome", outcome)
          .addKeyValue("dry_run", task.dryRun())
          .log(
              "parked {} from {}: {}",
              match.describe(),
              match.parked().parkedSubscription(),
              outcome);
    }
  }

  private String outcome(ParkedReplay.Match match, Map<String, SkuTruth> truths) throws Exception {
    Optional<AvailabilityChanged> level = stockLevel(match);
    String reason = match.parked().reason();
    if (level.isPresent()) {
      SkuTruth truth = truths.get(level.get().getSku());
      if (truth == null || !truth.channels().containsKey(level.get().getChannel())) {
        replay.release(match);
        return "left";
      }
      if (task.dryRun()) {
        replay.release(match);
        return "would_refresh";
      }
      events.republish(truth, level.get().getChannel(), "refresh");
      replay.discard(match);
      return "refreshed";
    }
    if (match.event().isEmpty() || !TRANSIENT.contains(reason)) {
      replay.release(match);
      return "left";
    }
    if (task.dryRun()) {
      replay.release(match);
      return "would_replay";
    }
    replay.replay(match);
    return "replayed";
  }

  private static Optional<AvailabilityChanged> stockLevel(ParkedReplay.Match match) {
    return match
        .event()
        .map(Event::getData)
        .filter(AvailabilityChanged.class::isInstance)
        .map(AvailabilityChanged.class::cast);
  }
}
