package com.storewire.localstack;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.CatalogJson;
import com.storewire.catalog.Component;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.catalog.TableSpec;
import com.storewire.catalog.TopicSpec;
import com.storewire.events.EventType;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Print the catalog: topics, subscriptions with dead letters, BigQuery tables.")
final class CatalogCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the catalog as the build exports it.")
  boolean json;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Catalog catalog = Catalog.storewire();
    if (json) {
      out.print(CatalogJson.render(catalog));
    } else {
      out.print(render(catalog));
    }
    out.flush();
  }

  static String render(Catalog catalog) {
    TextTable topics = new TextTable("TOPIC", "ORDERED", "PUBLISHED BY", "EVENT TYPES");
    for (TopicSpec topic : catalog.topics()) {
      topics.row(
          topic.name(),
          topic.orderedBySubject() ? "by subject" : "no",
          topic.publishers().stream().map(Component::moduleName).sorted().collect(joining()),
          topic.eventTypes().stream().map(EventType::ceType).collect(joining()));
    }
    TextTable subscriptions =
        new TextTable(
            "SUBSCRIPTION", "CONSUMER", "DELIVERY", "ACK S", "ATTEMPTS", "FILTER", "DEAD LETTER");
    for (SubscriptionSpec subscription : catalog.subscriptions()) {
      subscriptions.row(
          subscription.name(),
          subscription.consumer().moduleName(),
          subscription.delivery().name().toLowerCase(),
          subscription.ackDeadlineSeconds(),
          subscription.maxDeliveryAttempts(),
          subscription.filter().expression().isEmpty() ? "-" : subscription.filter().expression(),
          subscription.deadLetterTopic());
    }
    TextTable tables = new TextTable("EVENT TYPE", "BIGQUERY TABLE", "PARTITION", "CLUSTERING");
    for (TableSpec table : catalog.tables()) {
      tables.row(
          table.eventType().map(EventType::ceType).orElse("-"),
          table.qualifiedName(),
          table.partitionType() + "(" + table.partitionField() + ")",
          String.join(", ", table.clustering()));
    }
    return "Topics\n"
        + topics.render()
        + "\nSubscriptions (each dead-letters to its own topic, parked for replay)\n"
        + subscriptions.render()
        + "\nBigQuery tables\n"
        + tables.render();
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }
}
