package com.storewire.localstack.replay;

import com.storewire.reconciliation.parked.ParkedMessages;
import com.storewire.reconciliation.parked.ParkedReplay;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Re-publishes parked messages to the topic they first came on, from every parked subscription in
 * the catalog — whether a function parked them (permanent failures, with reason) or Pub/Sub's
 * dead-letter policy did (transient failures past max attempts). Consumers dedupe by event id, so
 * replaying twice changes nothing at a vendor; a replayed message is acknowledged, so it is not
 * replayed again.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Re-publish parked messages, filtered by vendor, reason and time range.")
public final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--project",
      defaultValue = "${env:GOOGLE_CLOUD_PROJECT:-storewire-local}",
      description = "Google Cloud project (default: ${DEFAULT-VALUE}).")
  String project;

  @Option(
      names = "--emulator-host",
      defaultValue = "${env:PUBSUB_EMULATOR_HOST}",
      description =
          "Pub/Sub emulator host:port (default: $PUBSUB_EMULATOR_HOST; none: Google Cloud).")
  String emulatorHost;

  @Option(
      names = "--vendor",
      description = "Only messages parked for this vendor or consumer, e.g. shopify.")
  String vendor;

  @Option(
      names = "--reason",
      description = "Only this reason, e.g. REJECTED, AUTH_EXPIRED, MAX_DELIVERY_ATTEMPTS.")
  String reason;

  @Option(
      names = "--since",
      description = "Only messages parked at or after this instant (ISO-8601).")
  Instant since;

  @Option(names = "--until", description = "Only messages parked before this instant (ISO-8601).")
  Instant until;

  @Option(names = "--dry-run", description = "List what would be replayed; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ParkedMessages messages = new ParkedMessages(project, emulatorHost)) {
      ParkedReplay replay = new ParkedReplay(messages);
      List<ParkedReplay.Match> matches =
          replay.collect(new ParkedReplay.Filter(vendor, reason, since, until));
      out.printf(
          "%-40s %-12s %-22s %-8s %-25s %s%n",
          "PARKED IN", "VENDOR", "REASON", "ATTEMPTS", "PARKED AT", "EVENT");
      for (ParkedReplay.Match match : matches) {
        ParkedMessages.Parked p = match.parked();
        out.printf(
            "%-40s %-12s %-22s %-8s %-25s %s%n",
            p.parkedSubscription(),
            p.vendor(),
            p.reason(),
            p.attempts(),
            p.parkedAt(),
            match.describe());
      }
      if (dryRun) {
        matches.forEach(replay::release);
        out.printf("%d message(s) would be replayed (dry run: nothing changed).%n", matches.size());
      } else {
        try (ProgressBar bar =
            new ProgressBarBuilder()
                .setTaskName("Replaying")
                .setInitialMax(matches.size())
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build()) {
          for (ParkedReplay.Match match : matches) {
            replay.replay(match);
            bar.step();
          }
        }
        out.printf("%d message(s) replayed.%n", matches.size());
      }
    }
    out.flush();
    return 0;
  }
}
