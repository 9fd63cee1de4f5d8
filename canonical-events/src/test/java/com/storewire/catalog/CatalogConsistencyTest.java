package com.storewire.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogConsistencyTest {

  /** Pub/Sub allows more; we keep to lower-case kebab words so names read the same everywhere. */
  private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");

  private final Catalog catalog = Catalog.storewire();

  @Test
  void everyEventTypeIsCarriedByExactlyOneTopic() {
    for (EventType type : EventType.values()) {
      assertThat(catalog.topics().stream().filter(t -> t.eventTypes().contains(type)))
          .as("topics carrying %s", type)
          .hasSize(1);
    }
  }

  @Test
  void everyTopicHasAPublisherAndAConsumer() {
    for (TopicSpec topic : catalog.topics()) {
      assertThat(topic.publishers()).as("publishers of %s", topic.name()).isNotEmpty();
      assertThat(topic.subscriptions()).as("subscriptions of %s", topic.name()).isNotEmpty();
      assertThat(topic.eventTypes()).as("event types of %s", topic.name()).isNotEmpty();
    }
  }

  @Test
  void everySubscriptionDeadLettersToItsOwnTopicWithinPubSubLimits() {
    Set<String> deadLetterTopics = new HashSet<>();
    for (SubscriptionSpec subscription : catalog.subscriptions()) {
      assertThat(deadLetterTopics.add(subscription.deadLetterTopic()))
          .as("dead-letter topic of %s is its own", subscription.name())
          .isTrue();
      assertThat(subscription.maxDeliveryAttempts())
          .isBetween(
              SubscriptionSpec.MIN_DELIVERY_ATTEMPTS, SubscriptionSpec.MAX_DELIVERY_ATTEMPTS);
      assertThat(subscription.ackDeadlineSeconds()).isBetween(10, 600);
      // Pub/Sub's retry policy accepts backoffs from 0 to 600 s, the minimum not above the maximum.
      assertThat(subscription.minimumBackoff())
          .isBetween(Duration.ZERO, subscription.maximumBackoff());
      assertThat(subscription.maximumBackoff()).isLessThanOrEqualTo(Duration.ofSeconds(600));
      assertThat(subscription.parkedSubscription()).startsWith(subscription.deadLetterTopic());
    }
  }

  @Test
  void orderedTopicsHaveOrderedSubscriptions() {
    for (TopicSpec topic : catalog.topics()) {
      for (SubscriptionSpec subscription : topic.subscriptions()) {
        assertThat(subscription.messageOrdering()).isEqualTo(topic.orderedBySubject());
        assertThat(subscription.topic()).isEqualTo(topic.name());
      }
    }
  }

  @Test
  void stockTopicsAreOrderedPerSku() {
    for (EventType type :
        List.of(
            EventType.STOCK_RESERVED,
            EventType.RESERVATION_RELEASED,
            EventType.STOCK_ADJUSTED,
            EventType.SAFETY_STOCK_UPDATED)) {
      assertThat(catalog.topicFor(type).orderedBySubject()).as("%s ordered", type).isTrue();
    }
  }

  /**
   * Availability carries a stock version that consumers keep the newest of, so it needs no order;
   * ordered, a hot SKU's updates would wait one behind another's vendor call.
   */
  @Test
  void availabilityIsUnorderedAndVersioned() {
    assertThat(catalog.topicFor(EventType.AVAILABILITY_CHANGED).orderedBySubject()).isFalse();
    assertThat(com.storewire.events.AvailabilityChanged.getClassSchema().getField("stock_version"))
        .isNotNull();
  }

  @Test
  void namesFollowOneConventionAndNeverCollide() {
    List<String> pubsubNames = new ArrayList<>();
    for (TopicSpec topic : catalog.topics()) {
      assertThat(topic.name()).matches(TOPIC);
      pubsubNames.add(topic.name());
      for (SubscriptionSpec subscription : topic.subscriptions()) {
        assertThat(subscription.name())
            .isEqualTo(topic.name() + "--" + subscription.consumerName());
        assertThat(subscription.consumerName()).matches(TOPIC);
        pubsubNames.addAll(
            List.of(
                subscription.name(),
                subscription.deadLetterTopic(),
                subscription.parkedSubscription()));
      }
    }
    assertThat(pubsubNames).doesNotHaveDuplicates();
    // Pub/Sub: 3 to 255 characters; the longest prefix terraform adds per environment is 16.
    assertThat(pubsubNames).allSatisfy(name -> assertThat(name.length()).isBetween(3, 255 - 16));
  }

  @Test
  void everyComponentTakesPartAndEveryPublisherOfATopicIsADeployable() {
    Set<Component> publishing = new HashSet<>();
    Set<Component> consuming = new HashSet<>();
    catalog.topics().forEach(t -> publishing.addAll(t.publishers()));
    catalog.subscriptions().forEach(s -> consuming.add(s.consumer()));

    assertThat(publishing).containsAll(Arrays.asList(Component.values()));
    assertThat(consuming)
        .containsExactlyInAnyOrder(
            Component.ORDER_INTAKE, Component.CONNECTOR_FUNCTIONS, Component.DATAFLOW_TRANSFORMS);
  }

  @Test
  void everyTopicIsStreamedToBigQuery() {
    for (TopicSpec topic : catalog.topics()) {
      assertThat(topic.subscriptions())
          .anySatisfy(
              s -> {
                assertThat(s.consumer()).isEqualTo(Component.DATAFLOW_TRANSFORMS);
                assertThat(s.consumerName()).isEqualTo("bigquery");
              });
    }
  }

  @Test
  void everyEventTypeHasATablePartitionedByEventTimeAndClusteredOnItsColumns() {
    assertThat(catalog.tables().stream().filter(t -> t.eventType().isPresent()))
        .hasSize(EventType.values().length);
    for (EventType type : EventType.values()) {
      TableSpec table = catalog.tableFor(type);
      assertThat(table.eventType()).contains(type);
      assertThat(table.table()).matches(TABLE);
      assertThat(table.dataset()).matches(TABLE);
      List<String> columns = table.schema().stream().map(BigQueryField::name).toList();
      assertThat(columns).as("columns of %s", table.table()).doesNotHaveDuplicates();
      BigQueryField partition = column(table, table.partitionField());
      assertThat(partition.type()).isEqualTo("TIMESTAMP");
      assertThat(partition.mode()).isEqualTo("REQUIRED");
      assertThat(table.clustering()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
      for (String clusteringColumn : table.clustering()) {
        assertThat(column(table, clusteringColumn).mode()).isNotEqualTo("REPEATED");
        assertThat(column(table, clusteringColumn).type()).isNotIn("RECORD", "FLOAT");
      }
    }
  }

  /**
   * Every table, the pipelines' own too, is partitioned by day on a required time column of its own
   * and clustered on at most four scalar columns, so terraform can create it as it creates the
   * event tables (with {@code require_partition_filter}).
   */
  @Test
  void everyTableIsPartitionedByDayOnARequiredTimeColumnAndClusteredOnItsColumns() {
    assertThat(catalog.tables().stream().map(TableSpec::table)).doesNotHaveDuplicates();
    assertThat(catalog.tables().stream().map(TableSpec::table))
        .contains(PipelineTables.PIPELINE_FAILURES, PipelineTables.DEMAND_FORECASTS);
    for (TableSpec table : catalog.tables()) {
      assertThat(table.table()).matches(TABLE);
      assertThat(table.dataset()).isEqualTo(EventTables.DATASET);
      assertThat(table.partitionType()).isEqualTo("DAY");
      BigQueryField partition = column(table, table.partitionField());
      assertThat(partition.type()).as(table.table()).isIn("TIMESTAMP", "DATE");
      assertThat(partition.mode()).as(table.table()).isEqualTo("REQUIRED");
      assertThat(table.clustering()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
      for (String clusteringColumn : table.clustering()) {
        assertThat(column(table, clusteringColumn).mode()).isNotEqualTo("REPEATED");
        assertThat(column(table, clusteringColumn).type()).isNotIn("RECORD", "FLOAT");
      }
    }
  }

  @Test
  void tableColumnsUseOnlyBigQueryTypes() {
    Set<String> types =
        Set.of("STRING", "INTEGER", "FLOAT", "BOOLEAN", "BYTES", "TIMESTAMP", "DATE", "RECORD");
    for (TableSpec table : catalog.tables()) {
      flatten(table.schema())
          .forEach(
              field -> {
                assertThat(field.type()).isIn(types);
                assertThat(field.mode()).isIn("REQUIRED", "NULLABLE", "REPEATED");
                assertThat(field.fields().isEmpty()).isEqualTo(!"RECORD".equals(field.type()));
              });
    }
  }

  private static Stream<BigQueryField> flatten(List<BigQueryField> fields) {
    return fields.stream().flatMap(f -> Stream.concat(Stream.of(f), flatten(f.fields())));
  }

  private static BigQueryField column(TableSpec table, String name) {
    return table.schema().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(table.table() + " has no column " + name));
  }
}
