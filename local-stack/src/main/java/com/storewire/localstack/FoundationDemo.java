package com.storewire.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.catalog.EventTables;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.catalog.TopicSpec;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.PubSubRest.ReceivedMessage;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import com.storewire.events.samples.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs what exists of Storewire end to end on this machine: the real emulators, the catalog
 * provisioned, one event of every type published through the canonical codec, each consumed back
 * from its BigQuery subscription into the rows BigQuery would receive, and a poison message driven
 * through redelivery to its dead-letter topic and parked for replay.
 */
final class FoundationDemo {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PubSubRest pubsub;
  private final String project;
  private final Path out;
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  FoundationDemo(PubSubRest pubsub, String project, Path out) {
    this.pubsub = pubsub;
    this.project = project;
    this.out = out;
  }

  /** Runs every step, writes report.json and returns the report (with its failures). */
  Map<String, Object> run() throws IOException {
    Files.createDirectories(out.resolve("bigquery"));
    Catalog catalog = Catalog.storewire();
    report.put(
        "pubsub_resources_provisioned", new CatalogProvisioner(pubsub, project).provision(catalog));
    publishOneOfEachType(catalog);
    consumeIntoBigQueryRows(catalog);
    // An unordered subscription: the emulator cannot dead-letter from ordered ones (README).
    deadLetterAPoisonMessage(catalog.subscription("raw-vendor-payloads--normalise").orElseThrow());
    report.put("failures", failures);
    Files.writeString(out.resolve("report.json"), JSON.writeValueAsString(report));
    return report;
  }

  List<String> failures() {
    return failures;
  }

  private void publishOneOfEachType(Catalog catalog) {
    EventRouting routing = new EventRouting(catalog);
    for (EventType type : EventType.values()) {
      Event event = SampleEvents.of(type);
      pubsub.publish(
          project,
          routing.topicOf(event).name(),
          EventJson.encode(event),
          EventRouting.attributes(event),
          routing.orderingKey(event).isEmpty() ? null : routing.orderingKey(event));
    }
    report.put("events_published", EventType.values().length);
  }

  private void consumeIntoBigQueryRows(Catalog catalog) throws IOException {
    Map<String, Object> perTable = new LinkedHashMap<>();
    for (TopicSpec topic : catalog.topics()) {
      String subscription = topic.name() + "--bigquery";
      Set<String> expected = new HashSet<>();
      topic.eventTypes().forEach(t -> expected.add(SampleEvents.of(t).getId()));
      for (ReceivedMessage message : pullUntil(subscription, expected.size())) {
        Event event = EventJson.decode(message.data());
        expected.remove(event.getId());
        String table = catalog.tableFor(EventType.ofPayload(event.getData())).table();
        String row =
            JSON.copy()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(EventTables.row(event, Instant.now()));
        Files.writeString(
            out.resolve("bigquery").resolve(table + ".jsonl"),
            row + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        perTable.merge(table, 1, (a, b) -> (Integer) a + (Integer) b);
        pubsub.acknowledge(project, subscription, List.of(message.ackId()));
      }
      if (!expected.isEmpty()) {
        failures.add(subscription + " never delivered " + expected);
      }
    }
    report.put("bigquery_rows_by_table", perTable);
  }

  /**
   * A consumer that cannot decode a message nacks it; after the subscription's attempt limit
   * Pub/Sub moves it to the dead-letter topic, where the parked subscription keeps it.
   */
  private void deadLetterAPoisonMessage(SubscriptionSpec subscription) {
    byte[] poison = "{\"id\": \"truncated".getBytes(StandardCharsets.UTF_8);
    pubsub.publish(project, subscription.topic(), poison, Map.of(), null);
    int deliveries = 0;
    String refusal = null;
    List<ReceivedMessage> parked = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    while (parked.isEmpty() && Instant.now().isBefore(deadline)) {
      for (ReceivedMessage message : pubsub.pull(project, subscription.name(), 10)) {
        try {
          EventJson.decode(message.data());
          pubsub.acknowledge(project, subscription.name(), List.of(message.ackId()));
        } catch (InvalidEventException e) {
          deliveries++;
          refusal = e.getMessage();
          pubsub.modifyAckDeadline(project, subscription.name(), List.of(message.ackId()), 0);
        }
      }
      // Dead-lettering republishes: the parked copy has a new message id, the same bytes.
      for (ReceivedMessage message : pubsub.pull(project, subscription.parkedSubscription(), 10)) {
        if (Arrays.equals(message.data(), poison)) {
          parked.add(message);
        }
      }
    }
    Map<String, Object> deadLetter = new LinkedHashMap<>();
    deadLetter.put("subscription", subscription.name());
    deadLetter.put("deliveries_refused", deliveries);
    deadLetter.put("refusal", refusal);
    deadLetter.put("parked_in", subscription.parkedSubscription());
    deadLetter.put("parked", parked.size());
    parked.forEach(
        m ->
            deadLetter.put(
                "delivery_count_attribute",
                m.attributes().get("CloudPubSubDeadLetterSourceDeliveryCount")));
    report.put("dead_letter", deadLetter);
    if (parked.isEmpty()) {
      failures.add("the poison message never reached " + subscription.parkedSubscription());
    }
  }

  private List<ReceivedMessage> pullUntil(String subscription, int count) {
    List<ReceivedMessage> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    while (received.size() < count && Instant.now().isBefore(deadline)) {
      List<ReceivedMessage> batch = pubsub.pull(project, subscription, count - received.size());
      received.addAll(batch);
      if (batch.isEmpty()) {
        pause();
      }
    }
    return received;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String summary() {
    TextTable table = new TextTable("CHECK", "RESULT");
    report.forEach((key, value) -> table.row(key, value));
    return "\nStorewire demo (foundation: emulators, catalog, canonical events, dead letters)\n"
        + table.render()
        + (failures.isEmpty() ? "All checks passed.\n" : "FAILED: " + failures + "\n");
  }
}
