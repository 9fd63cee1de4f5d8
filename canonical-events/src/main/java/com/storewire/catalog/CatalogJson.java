package com.storewire.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.events.EventSchema;
import com.storewire.events.EventType;
import java.util.List;

/**
 * The catalog as JSON, the form terraform ({@code jsondecode}), Cloud Build and other tools read.
 * Field names are snake_case like terraform's; lists keep the catalog's order so diffs are stable.
 */
public final class CatalogJson {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogJson() {}

  public static String render(Catalog catalog) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", EventSchema.CURRENT_VERSION);
    ObjectNode pubsubSchema = root.putObject("pubsub_schema");
    pubsubSchema.put("name", EventSchema.PUBSUB_SCHEMA_NAME);
    pubsubSchema.put("type", "AVRO");
    pubsubSchema.put("encoding", "JSON");
    pubsubSchema.put("definition_file", CatalogExport.AVRO_SCHEMA_FILE);

    ArrayNode types = root.putArray("event_types");
    for (EventType type : EventType.values()) {
      ObjectNode node = types.addObject();
      node.put("name", type.name());
      node.put("ce_type", type.ceType());
      node.put("payload", type.payloadClass().getSimpleName());
      node.put("topic", catalog.topicFor(type).name());
      node.put("table", catalog.tableFor(type).qualifiedName());
    }

    ArrayNode topics = root.putArray("topics");
    for (TopicSpec topic : catalog.topics()) {
      ObjectNode node = topics.addObject();
      node.put("name", topic.name());
      node.put("description", topic.description());
      node.put("ordered_by_subject", topic.orderedBySubject());
      strings(node.putArray("event_types"), topic.eventTypes().stream().map(EventType::ceType));
      strings(
          node.putArray("publishers"),
          topic.publishers().stream().map(Component::moduleName).sorted());
      ArrayNode subscriptions = node.putArray("subscriptions");
      for (SubscriptionSpec subscription : topic.subscriptions()) {
        ObjectNode sub = subscriptions.addObject();
        sub.put("name", subscription.name());
        sub.put("consumer", subscription.consumer().moduleName());
        sub.put("consumer_name", subscription.consumerName());
        sub.put("delivery", subscription.delivery().name().toLowerCase());
        sub.put("ack_deadline_seconds", subscription.ackDeadlineSeconds());
        sub.put("max_delivery_attempts", subscription.maxDeliveryAttempts());
        sub.put("message_ordering", subscription.messageOrdering());
        sub.put("minimum_backoff_seconds", subscription.minimumBackoff().toSeconds());
        sub.put("maximum_backoff_seconds", subscription.maximumBackoff().toSeconds());
        sub.put("filter", subscription.filter().expression());
        sub.put("dead_letter_topic", subscription.deadLetterTopic());
        sub.put("parked_subscription", subscription.parkedSubscription());
      }
    }

    ObjectNode bigquery = root.putObject("bigquery");
    bigquery.put("dataset", EventTables.DATASET);
    ArrayNode tables = bigquery.putArray("tables");
    for (TableSpec table : catalog.tables()) {
      ObjectNode node = tables.addObject();
      node.put("table", table.table());
      table.eventType().ifPresent(type -> node.put("event_type", type.ceType()));
      node.put("partition_field", table.partitionField());
      node.put("partition_type", table.partitionType());
      strings(node.putArray("clustering"), table.clustering().stream());
      node.put("schema_file", CatalogExport.bigQuerySchemaFile(table));
    }
    return render(root);
  }

  /** A table's schema in BigQuery's JSON format (what {@code bq mk} and terraform take). */
  public static String renderSchema(List<BigQueryField> fields) {
    return render(MAPPER.valueToTree(fields.stream().map(CatalogJson::fieldNode).toList()));
  }

  private static ObjectNode fieldNode(BigQueryField field) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", field.name());
    node.put("type", field.type());
    node.put("mode", field.mode());
    if (!field.description().isEmpty()) {
      node.put("description", field.description());
    }
    if (!field.fields().isEmpty()) {
      ArrayNode nested = node.putArray("fields");
      field.fields().forEach(f -> nested.add(fieldNode(f)));
    }
    return node;
  }

  private static void strings(ArrayNode array, java.util.stream.Stream<String> values) {
    values.forEach(array::add);
  }

  private static String render(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
