package com.storewire.catalog;

import static com.storewire.catalog.Component.CONNECTOR_FUNCTIONS;
import static com.storewire.catalog.Component.DATAFLOW_TRANSFORMS;
import static com.storewire.catalog.Component.ORDER_INTAKE;
import static com.storewire.catalog.Component.RECONCILIATION_JOB;
import static com.storewire.events.EventType.AVAILABILITY_CHANGED;
import static com.storewire.events.EventType.CONNECTOR_ALERT;
import static com.storewire.events.EventType.DRIFT_CORRECTED;
import static com.storewire.events.EventType.DRIFT_DETECTED;
import static com.storewire.events.EventType.ORDER_CANCELLED;
import static com.storewire.events.EventType.ORDER_OVERSOLD;
import static com.storewire.events.EventType.ORDER_PLACED;
import static com.storewire.events.EventType.ORDER_REJECTED;
import static com.storewire.events.EventType.RAW_VENDOR_PAYLOAD;
import static com.storewire.events.EventType.RESERVATION_RELEASED;
import static com.storewire.events.EventType.SAFETY_STOCK_UPDATED;
import static com.storewire.events.EventType.SHIPMENT_CREATED;
import static com.storewire.events.EventType.STOCK_ADJUSTED;
import static com.storewire.events.EventType.STOCK_RESERVED;

import com.storewire.events.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The single source of truth for Storewire's messaging and analytics: every topic, what it carries,
 * who publishes it, every subscription with its dead-letter topic, the BigQuery table of every
 * event type and the tables the pipelines write besides. Terraform, the local stack, the pipelines
 * and the services read it (directly or through the JSON the build exports) instead of spelling
 * names themselves.
 */
public final class Catalog {

  private static final int DEFAULT_ACK_DEADLINE_SECONDS = 60;
  private static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 5;

  /**
   * A failed delivery is retried after an exponential backoff between these, so a consumer that is
   * down (a crashed function, a vendor outage) gets minutes to come back before its messages are
   * dead-lettered, instead of five attempts within a second.
   */
  private static final Duration MINIMUM_BACKOFF = Duration.ofSeconds(10);

  private static final Duration MAXIMUM_BACKOFF = Duration.ofSeconds(600);

  /** Vendor calls wait out rate limits inside one delivery, so they get a longer deadline. */
  private static final int VENDOR_ACK_DEADLINE_SECONDS = 300;

  private static final Catalog STOREWIRE =
      new Catalog(
          List.of(
              topic(
                  "orders",
                  "Orders placed, refused, oversold or cancelled, in order per order id.",
                  List.of(ORDER_PLACED, ORDER_REJECTED, ORDER_OVERSOLD, ORDER_CANCELLED),
                  Set.of(ORDER_INTAKE),
                  true,
                  vendor("shipstation"),
                  vendor("klaviyo"),
                  vendor("logiwa"),
                  pipeline("bigquery")),
              topic(
                  "stock-reservations",
                  "Units reserved for orders and released again, in order per SKU.",
                  List.of(STOCK_RESERVED, RESERVATION_RELEASED),
                  Set.of(ORDER_INTAKE),
                  true,
                  pipeline("bigquery"),
                  pipeline("safety-stock")),
              topic(
                  "stock-adjustments",
                  "On-hand changes from the warehouse and from drift corrections.",
                  List.of(STOCK_ADJUSTED),
                  Set.of(CONNECTOR_FUNCTIONS, DATAFLOW_TRANSFORMS, RECONCILIATION_JOB),
                  true,
                  service("stock"),
                  pipeline("bigquery")),
              topic(
                  "availability",
                  "Sellable quantity per SKU per channel after every change that moves it.",
                  List.of(AVAILABILITY_CHANGED),
                  // The reconciliation job republishes the truth for a channel whose copy drifted.
                  Set.of(ORDER_INTAKE, RECONCILIATION_JOB),
                  // Unordered: each carries its stock version and consumers keep the newest, while
                  // ordering would queue a hot SKU's updates one behind another's vendor call.
                  false,
                  routineStock("shopify"),
                  urgentStock("shopify"),
                  routineStock("amazon"),
                  urgentStock("amazon"),
                  routineStock("ebay"),
                  urgentStock("ebay"),
                  routineStock("woocommerce"),
                  urgentStock("woocommerce"),
                  pipeline("bigquery")),
              topic(
                  "safety-stock",
                  "Per-SKU safety stock computed from demand, fed back into reservations.",
                  List.of(SAFETY_STOCK_UPDATED),
                  Set.of(DATAFLOW_TRANSFORMS),
                  true,
                  service("safety-stock"),
                  pipeline("bigquery")),
              topic(
                  "shipments",
                  "Shipments created in the shipping tool.",
                  List.of(SHIPMENT_CREATED),
                  Set.of(CONNECTOR_FUNCTIONS, DATAFLOW_TRANSFORMS),
                  true,
                  service("fulfilment"),
                  vendor("klaviyo"),
                  pipeline("bigquery")),
              topic(
                  "connector-alerts",
                  "Vendor calls that failed: expired tokens, rate limits, rejections, outages.",
                  List.of(CONNECTOR_ALERT),
                  Set.of(CONNECTOR_FUNCTIONS),
                  false,
                  service("compensation"),
                  pipeline("bigquery")),
              topic(
                  "drift",
                  "Differences between a system's copy and the source of truth, and their fixes.",
                  List.of(DRIFT_DETECTED, DRIFT_CORRECTED),
                  Set.of(RECONCILIATION_JOB),
                  false,
                  pipeline("bigquery")),
              topic(
                  "raw-vendor-payloads",
                  "Vendor payloads exactly as received, for normalisation, replay and audit.",
                  List.of(RAW_VENDOR_PAYLOAD),
                  Set.of(ORDER_INTAKE, CONNECTOR_FUNCTIONS),
                  false,
                  vendor("shipstation"),
                  vendor("logiwa"),
                  pipeline("normalise"),
                  pipeline("bigquery"))));

  private final List<TopicSpec> topics;
  private final List<TableSpec> tables;

  Catalog(List<TopicSpec> topics) {
    this.topics = List.copyOf(topics);
    List<TableSpec> tables = new ArrayList<>();
    for (EventType type : EventType.values()) {
      tables.add(
          new TableSpec(
              EventTables.DATASET,
              EventTables.tableName(type),
              Optional.of(type),
              EventTables.PARTITION_FIELD,
              "DAY",
              EventTables.clustering(type),
              EventTables.schema(type)));
    }
    tables.addAll(PipelineTables.all());
    this.tables = List.copyOf(tables);
  }

  public static Catalog storewire() {
    return STOREWIRE;
  }

  public List<TopicSpec> topics() {
    return topics;
  }

  /**
   * Every BigQuery table terraform creates (through the export): each event type's, then the
   * pipelines' own ({@link PipelineTables}). A view may read only these.
   */
  public List<TableSpec> tables() {
    return tables;
  }

  /** The catalog table of that name. */
  public TableSpec table(String name) {
    return tables.stream()
        .filter(t -> t.table().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a catalog table: " + name));
  }

  public List<SubscriptionSpec> subscriptions() {
    return topics.stream().flatMap(t -> t.subscriptions().stream()).toList();
  }

  public Optional<TopicSpec> topic(String name) {
    return topics.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<SubscriptionSpec> subscription(String name) {
    return subscriptions().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The topic an event type is published to; each type has exactly one. */
  public TopicSpec topicFor(EventType type) {
    return topics.stream()
        .filter(t -> t.eventTypes().contains(type))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no topic carries " + type));
  }

  public TableSpec tableFor(EventType type) {
    return tables.stream()
        .filter(t -> t.eventType().equals(Optional.of(type)))
        .findFirst()
        .orElseThrow();
  }

  /** The subscriptions a component must consume, e.g. to provision or check its deployment. */
  public List<SubscriptionSpec> subscriptionsOf(Component consumer) {
    return subscriptions().stream().filter(s -> s.consumer() == consumer).toList();
  }

  private static TopicSpec topic(
      String name,
      String description,
      List<EventType> eventTypes,
      Set<Component> publishers,
      boolean orderedBySubject,
      Consumer... consumers) {
    List<SubscriptionSpec> subscriptions = new ArrayList<>();
    for (Consumer consumer : consumers) {
      subscriptions.add(
          new SubscriptionSpec(
              name + "--" + consumer.name(),
              name,
              consumer.component(),
              consumer.name(),
              consumer.ackDeadlineSeconds(),
              DEFAULT_MAX_DELIVERY_ATTEMPTS,
              orderedBySubject,
              consumer.filter(),
              MINIMUM_BACKOFF,
              MAXIMUM_BACKOFF));
    }
    return new TopicSpec(
        name, description, eventTypes, publishers, orderedBySubject, subscriptions);
  }

  private static Consumer vendor(String vendor) {
    return new Consumer(
        CONNECTOR_FUNCTIONS, vendor, VENDOR_ACK_DEADLINE_SECONDS, AttributeFilter.ALL);
  }

  /**
   * A channel's routine stock updates: they may wait in coalescing windows and batch with others.
   */
  private static Consumer routineStock(String vendor) {
    return new Consumer(
        CONNECTOR_FUNCTIONS,
        vendor,
        VENDOR_ACK_DEADLINE_SECONDS,
        AttributeFilter.notEqualTo(EventRouting.URGENCY, EventRouting.URGENT));
  }

  /**
   * The priority path: updates that take a channel to its low-stock threshold or below get their
   * own subscription, so they never queue behind routine ones (see {@link EventRouting#urgent}).
   */
  private static Consumer urgentStock(String vendor) {
    return new Consumer(
        CONNECTOR_FUNCTIONS,
        vendor + "-" + EventRouting.URGENT,
        VENDOR_ACK_DEADLINE_SECONDS,
        AttributeFilter.equalTo(EventRouting.URGENCY, EventRouting.URGENT));
  }

  private static Consumer pipeline(String pipeline) {
    return new Consumer(
        DATAFLOW_TRANSFORMS, pipeline, DEFAULT_ACK_DEADLINE_SECONDS, AttributeFilter.ALL);
  }

  private static Consumer service(String endpoint) {
    return new Consumer(ORDER_INTAKE, endpoint, DEFAULT_ACK_DEADLINE_SECONDS, AttributeFilter.ALL);
  }

  private record Consumer(
      Component component, String name, int ackDeadlineSeconds, AttributeFilter filter) {}
}
