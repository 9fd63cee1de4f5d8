package com.storewire.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.CloudEventsFunction;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.ParkingLot;
import com.storewire.connectors.core.PushedMessage;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.InvalidEventException;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * AvailabilityChanged for the Shopify channel → Shopify's available quantity, with
 * compare-and-swap: the current quantity is read and the set is conditional on it, so a concurrent
 * change at Shopify makes the set retry instead of overwrite blindly.
 *
 * <p>Failures are never silent. Permanent ones (unknown item, refused input, a message that is not
 * an event) are parked on the subscription's dead-letter topic at once and alerted; an auth failure
 * a refresh cannot fix is alerted on its first occurrence; transient ones that outlast the
 * in-process retries are alerted and thrown, so Pub/Sub redelivers and, after the subscription's
 * attempts, dead-letters them itself.
 */
public final class ShopifyStockFunction implements CloudEventsFunction {

  static final String OPERATION = "inventorySetQuantities";
  static final String SET =
      "mutation inventorySet($input: InventorySetQuantitiesInput!) @idempotent(key: $key) {"
          + " inventorySetQuantities(input: $input) { userErrors { code field message } } }";
  static final String READ =
      "query inventory($skus: [String!]!) { inventoryItems(skus: $skus) { nodes { id sku available } } }";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShopifyAdmin shopify;
  private final ConnectorCore core;
  private final ParkingLot parking;
  private final SubscriptionSpec subscription =
      Catalog.storewire().subscription("availability--shopify").orElseThrow();

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public ShopifyStockFunction() {
    this(System.getenv(), Clock.systemUTC());
  }

  ShopifyStockFunction(Map<String, String> env, Clock clock) {
    Pacer pacer = new Pacer(clock);
    this.shopify =
        new ShopifyAdmin(
            env.get("SHOPIFY_BASE_URL"),
            env.get("SHOPIFY_CLIENT_ID"),
            env.get("SHOPIFY_CLIENT_SECRET"),
            env.get("SHOPIFY_REFRESH_TOKEN"),
            pacer,
            clock);
    this.core =
        new ConnectorCore(
            new AccessToken(shopify::refresh, clock),
            pacer,
            6,
            Duration.ofMillis(
                Long.parseLong(env.getOrDefault("STOREWIRE_FIRST_BACKOFF_MS", "200"))));
    this.parking = new ParkingLot(env.get("GOOGLE_CLOUD_PROJECT"), env.get("PUBSUB_EMULATOR_HOST"));
  }

  @Override
  public void accept(CloudEvent cloudEvent) {
    PushedMessage message = PushedMessage.of(cloudEvent);
    if (message == null) {
      throw new IllegalArgumentException("not a Pub/Sub CloudEvent: " + cloudEvent.getId());
    }
    Event event;
    try {
      event = EventJson.decode(message.data());
    } catch (InvalidEventException e) {
      park(message, VendorFailure.permanent(null, "not a valid event: " + e.getMessage()), 0, null);
      return;
    }
    if (!(event.getData() instanceof AvailabilityChanged availability)
        || !"shopify".equals(availability.getChannel())) {
      return; // another channel's: not ours (subscription filters are only an optimisation)
    }
    try {
      core.call(
          token ->
              setAvailable(
                  token, availability.getSku(), availability.getSellable(), event.getId()));
    } catch (ConnectorCore.Exhausted exhausted) {
      VendorFailure failure = exhausted.failure();
      if (failure.kind() == VendorFailure.Kind.RETRYABLE) {
        parking.alert(SystemId.SHOPIFY, OPERATION, failure, exhausted.attempts(), event.getId());
        throw exhausted; // Pub/Sub redelivers; its dead-letter policy parks it after max attempts
      }
      park(message, failure, exhausted.attempts(), event.getId());
    }
  }

  private Void setAvailable(String token, String sku, int quantity, String eventId) {
    ObjectNode read = JSON.createObjectNode();
    read.putArray("skus").add(sku);
    JsonNode nodes = shopify.graphql(token, READ, read).path("inventoryItems").path("nodes");
    if (nodes.isEmpty()) {
      throw VendorFailure.permanent(200, "Shopify has no inventory item for SKU " + sku);
    }
    ObjectNode variables = JSON.createObjectNode();
    variables.put("key", eventId);
    ObjectNode input =
        variables.putObject("input").put("name", "available").put("reason", "correction");
    input
        .putArray("quantities")
        .addObject()
        .put("inventoryItemId", nodes.get(0).path("id").asText())
        .put("locationId", "gid://shopify/Location/1")
        .put("quantity", quantity)
        .put("changeFromQuantity", nodes.get(0).path("available").asInt());
    JsonNode errors =
        shopify.graphql(token, SET, variables).path("inventorySetQuantities").path("userErrors");
    if (!errors.isEmpty()) {
      String code = errors.get(0).path("code").asText();
      if ("CHANGE_FROM_QUANTITY_STALE".equals(code)) {
        throw VendorFailure.retryable(
            ConnectorAlertReason.REJECTED, 200, null, "stale read, re-reading: " + errors);
      }
      throw VendorFailure.permanent(200, code + ": " + errors.get(0).path("message").asText());
    }
    return null;
  }

  private void park(PushedMessage message, VendorFailure failure, int attempts, String eventId) {
    parking.park(message, subscription, SystemId.SHOPIFY, OPERATION, failure, attempts);
    parking.alert(SystemId.SHOPIFY, OPERATION, failure, attempts, eventId);
  }
}
