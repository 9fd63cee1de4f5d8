package com.storewire.localstack.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.EventTables;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.emulators.PubSubRest;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What StreamEventsToBigQuery would write, for a local run that has no BigQuery: it drains the
 * bigquery pipeline's catalog subscriptions and appends each event's row, made by {@link
 * EventTables#row} as the pipeline makes it, to {@code <dir>/<table>.jsonl}. An analyst can load
 * those files into BigQuery as they are ({@code bq load --source_format=NEWLINE_DELIMITED_JSON}).
 */
public final class LocalBigQuerySink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PIPELINE = "bigquery";
  private static final int PULL = 1000;

  private LocalBigQuerySink() {}

  /** Appends every event waiting for the pipeline; returns the rows written per table. */
  public static Map<String, Long> drain(PubSubRest pubsub, String project, Path dir) {
    Map<String, Long> rows = new TreeMap<>();
    try {
      Files.createDirectories(dir);
      for (SubscriptionSpec subscription :
          Catalog.storewire().subscriptionsOf(Component.DATAFLOW_TRANSFORMS)) {
        if (!subscription.consumerName().equals(PIPELINE)) {
          continue;
        }
        List<PubSubRest.ReceivedMessage> messages;
        do {
          messages = pubsub.pull(project, subscription.name(), PULL);
          for (PubSubRest.ReceivedMessage message : messages) {
            Event event = EventJson.decode(message.data());
            String table = EventTables.tableName(EventType.ofPayload(event.getData()));
            Instant published =
                message.publishTime().isEmpty()
                    ? Instant.now()
                    : Instant.parse(message.publishTime());
            Files.writeString(
                dir.resolve(table + ".jsonl"),
                JSON.writeValueAsString(EventTables.row(event, published)) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
            rows.merge(table, 1L, Long::sum);
          }
          if (!messages.isEmpty()) {
            pubsub.acknowledge(
                project,
                subscription.name(),
                messages.stream().map(PubSubRest.ReceivedMessage::ackId).toList());
          }
        } while (messages.size() == PULL);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the local BigQuery rows to " + dir + " failed", e);
    }
    return rows;
  }
}
