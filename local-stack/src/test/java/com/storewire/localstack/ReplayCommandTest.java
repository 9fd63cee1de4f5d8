package com.storewire.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@WithEmulators
class ReplayCommandTest {

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = StorewireCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args)).as(out.toString()).isZero();
    return out.toString();
  }

  private static List<PubSubRest.ReceivedMessage> drain(
      PubSubRest pubsub, String project, String subscription) {
    List<PubSubRest.ReceivedMessage> all = new ArrayList<>();
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<PubSubRest.ReceivedMessage> batch = pubsub.pull(project, subscription, 10);
      all.addAll(batch);
      if (!batch.isEmpty()) {
        pubsub.acknowledge(
            project, subscription, batch.stream().map(PubSubRest.ReceivedMessage::ackId).toList());
      }
    }
    return all;
  }

  @Test
  void replaysParkedMessagesToTheirTopicFilteredOnceAndNeverTwice(
      Emulators emulators, TestProject project) {
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    new CatalogProvisioner(pubsub, project.id()).provision(Catalog.storewire());
    Event shopify = SampleEvents.of(EventType.AVAILABILITY_CHANGED);
    String parkedAt = Instant.now().toString();
    pubsub.publish(
        project.id(),
        "availability--shopify--dead-letter",
        EventJson.encode(shopify),
        Map.of(
            "storewire-parked-vendor",
            "shopify",
            "storewire-parked-reason",
            "REJECTED",
            "storewire-parked-attempts",
            "1",
            "storewire-parked-at",
            parkedAt),
        null);
    pubsub.publish(
        project.id(),
        "availability--ebay--dead-letter",
        EventJson.encode(shopify),
        Map.of(
            "storewire-parked-vendor",
            "ebay",
            "storewire-parked-reason",
            "REJECTED",
            "storewire-parked-attempts",
            "1",
            "storewire-parked-at",
            parkedAt),
        null);
    String[] target = {
      "--project",
      project.id(),
      "--emulator-host",
      emulators.pubsub().hostPort(),
      "--vendor",
      "shopify"
    };

    String dryRun = run(concat(target, "replay", "--dry-run"));
    assertThat(dryRun)
        .contains(
            "availability--shopify--dead-letter--parked",
            "REJECTED",
            shopify.getId(),
            "1 message(s) would be replayed");
    assertThat(drain(pubsub, project.id(), "availability--bigquery")).isEmpty();

    String replay = run(concat(target, "replay"));
    assertThat(replay).contains("1 message(s) replayed");
    List<PubSubRest.ReceivedMessage> replayed =
        drain(pubsub, project.id(), "availability--bigquery");
    assertThat(replayed).hasSize(1);
    assertThat(EventJson.decode(replayed.get(0).data()).getId()).isEqualTo(shopify.getId());
    assertThat(replayed.get(0).attributes())
        .containsEntry("storewire-replayed-from", "availability--shopify--dead-letter--parked")
        .doesNotContainKey("storewire-parked-reason");

    assertThat(run(concat(target, "replay"))).contains("0 message(s) replayed");
    assertThat(drain(pubsub, project.id(), "availability--ebay--dead-letter--parked")).hasSize(1);
  }

  private static String[] concat(String[] options, String... command) {
    String[] all = new String[command.length + options.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(options, 0, all, command.length, options.length);
    return all;
  }
}
