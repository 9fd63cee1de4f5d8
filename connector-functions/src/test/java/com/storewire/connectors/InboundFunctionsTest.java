package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.pushed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.HttpFunction;
import com.storewire.catalog.Catalog;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.klaviyo.KlaviyoEventFunctionAccess;
import com.storewire.connectors.logiwa.LogiwaFunctionsAccess;
import com.storewire.connectors.shipstation.ShipStationOrderFunctionAccess;
import com.storewire.connectors.webhooks.VendorWebhookFunctionAccess;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.OrderPlaced;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.StockAdjusted;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import com.storewire.sandbox.core.Faults;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What comes back from the shipping tool and the warehouse: a webhook kept raw by the webhook
 * function, then turned by the vendor's function into ShipmentCreated or StockAdjusted.
 */
@WithEmulators
class InboundFunctionsTest extends SandboxedFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "hook-token-1";

  private Map<String, String> env(Emulators emulators, TestProject project) {
    return env(emulators, project, Map.of("STOREWIRE_WEBHOOK_TOKEN", TOKEN));
  }

  /** Posts a webhook to the function and returns the raw payload event it kept. */
  /**
   * A SHIP_NOTIFY through the webhook function, then delivered to the shipment function; returns
   * the raw payload event it became.
   */
  private static Event shipNotified(
      Map<String, String> env, Emulators emulators, TestProject project, String notify)
      throws Exception {
    Event raw =
        hook(
            VendorWebhookFunctionAccess.create(env),
            emulators,
            project,
            "/shipstation/SHIP_NOTIFY",
            "raw-vendor-payloads--shipstation",
            notify);
    ShipStationOrderFunctionAccess.shipments(env)
        .handle(pushed(raw, "raw-vendor-payloads--shipstation"));
    return raw;
  }

  private static Event hook(
      HttpFunction webhooks,
      Emulators emulators,
      TestProject project,
      String path,
      String subscription,
      String body)
      throws Exception {
    HttpCalls.Answer answer =
        HttpCalls.post(webhooks, path + "?token=" + TOKEN, body.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<PubSubRest.ReceivedMessage> raw = pull(emulators, project, subscription);
    assertThat(raw).hasSize(1);
    return EventJson.decode(raw.get(0).data());
  }

  private static <T> List<T> events(
      Emulators emulators, TestProject project, String subscription, Class<T> type) {
    return pull(emulators, project, subscription).stream()
        .map(m -> EventJson.decode(m.data()).getData())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  @Test
  void aShipNotifyBecomesAShipmentAndAFulfilledOrderEmail(Emulators emulators, TestProject project)
      throws Exception {
    Map<String, String> env = env(emulators, project);
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);
    String orderId = ((OrderPlaced) placed.getData()).getOrderId();
    ShipStationOrderFunctionAccess.create(env).handle(pushed(placed, "orders--shipstation"));
    String resourceUrl =
        JSON.readTree(
                sandbox
                    .imitation("shipstation")
                    .adminAction(
                        "ship",
                        JSON.createObjectNode()
                            .put("orderKey", orderId)
                            .put("trackingNumber", "1Z-TRACK-1")
                            .put("sandbox_base_url", sandbox.baseUrl("shipstation")))
                    .orElseThrow()
                    .body())
            .get("resource_url")
            .asText();
    String notify =
        JSON.createObjectNode()
            .put("resource_url", resourceUrl)
            .put("resource_type", "SHIP_NOTIFY")
            .toString();

    Event raw = shipNotified(env, emulators, project, notify);

    List<PubSubRest.ReceivedMessage> shipped = pull(emulators, project, "shipments--klaviyo");
    assertThat(shipped).hasSize(1);
    Event shipmentEvent = EventJson.decode(shipped.get(0).data());
    ShipmentCreated shipment = (ShipmentCreated) shipmentEvent.getData();
    assertThat(shipment.getOrderId()).isEqualTo(orderId);
    assertThat(shipment.getTrackingNumber()).isEqualTo("1Z-TRACK-1");
    assertThat(shipment.getCustomerEmail()).isEqualTo("ada@example.com");
    assertThat(shipment.getLines())
        .extracting(l -> l.getSku() + "x" + l.getQuantity())
        .containsExactly("TEE-BLK-Mx2", "MUG-WHTx1");
    assertThat(shipmentEvent.getCausationId()).isEqualTo(raw.getId());

    KlaviyoEventFunctionAccess.create(env).handle(pushed(shipmentEvent, "shipments--klaviyo"));
    assertThat(sandbox.imitation("klaviyo").inventory().received().get("event"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.at("/metric/data/attributes/name").asText())
                    .isEqualTo("Fulfilled Order"));
  }

  @Test
  void aFetchThatKeepsFailingIsDeadLetteredByTheSubscriptionsOwnPolicy(
      Emulators emulators, TestProject project) throws Exception {
    Map<String, String> env = env(emulators, project);
    String subscription = "raw-vendor-payloads--shipstation";
    String notify =
        "{\"resource_url\":\""
            + sandbox.baseUrl("shipstation")
            + "/shipments?batchId=404\",\"resource_type\":\"SHIP_NOTIFY\"}";
    assertThat(
            HttpCalls.post(
                    VendorWebhookFunctionAccess.create(env),
                    "/shipstation/SHIP_NOTIFY?token=" + TOKEN,
                    notify.getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(200);
    sandbox.imitation("shipstation").faults().add(Faults.Kind.SERVER_ERROR, 0, null, 1.0, 0);
    ConnectorFunction shipments = ShipStationOrderFunctionAccess.shipments(env);
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());

    // The push subscription's part: deliver, ack on success, nack when the function asks for a
    // redelivery (a thrown retryable failure, which its HTTP entry answers with 503).
    List<PubSubRest.ReceivedMessage> parked = new ArrayList<>();
    int deliveries = 0;
    // Every attempt counts against the key pair's 40 a minute, and the function keeps to it: 5
    // deliveries of 6 attempts each take about 45 s.
    Instant deadline = Instant.now().plusSeconds(120);
    while (parked.isEmpty() && Instant.now().isBefore(deadline)) {
      for (PubSubRest.ReceivedMessage message : pubsub.pull(project.id(), subscription, 10)) {
        deliveries++;
        try {
          shipments.handle(pushed(EventJson.decode(message.data()), subscription));
          pubsub.acknowledge(project.id(), subscription, List.of(message.ackId()));
        } catch (VendorFailure transientFailure) {
          pubsub.modifyAckDeadline(project.id(), subscription, List.of(message.ackId()), 0);
        }
      }
      parked.addAll(pubsub.pull(project.id(), subscription + "--dead-letter--parked", 10));
    }

    assertThat(parked).as("dead-lettered after the catalog's max delivery attempts").hasSize(1);
    assertThat(deliveries)
        .isEqualTo(
            Catalog.storewire().subscription(subscription).orElseThrow().maxDeliveryAttempts());
    assertThat(
            pull(emulators, project, "connector-alerts--bigquery", deliveries).stream()
                .map(m -> (ConnectorAlert) EventJson.decode(m.data()).getData())
                .toList())
        .as("one alert per failed delivery")
        .hasSize(deliveries)
        .allSatisfy(a -> assertThat(a.getReason()).isEqualTo(ConnectorAlertReason.UNAVAILABLE));
  }

  @Test
  void aShipNotifyPointingAnywhereButShipStationIsParkedWithoutSendingTheKeys(
      Emulators emulators, TestProject project) throws Exception {
    Map<String, String> env = env(emulators, project);
    String notify =
        "{\"resource_url\":\"http://attacker.example/shipments?batchId=1\","
            + "\"resource_type\":\"SHIP_NOTIFY\"}";

    shipNotified(env, emulators, project, notify);

    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "raw-vendor-payloads--shipstation--dead-letter--parked");
    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).attributes())
        .containsEntry("storewire-parked-reason", "REJECTED")
        .containsEntry("storewire-parked-attempts", "1");
    assertThat(events(emulators, project, "connector-alerts--bigquery", ConnectorAlert.class))
        .singleElement()
        .satisfies(a -> assertThat(a.getReason()).isEqualTo(ConnectorAlertReason.REJECTED));
  }

  @Test
  void warehouseReceiptsAndCountsComeBackAsStockAdjustedOnceEach(
      Emulators emulators, TestProject project) throws Exception {
    Map<String, String> env = env(emulators, project);
    HttpFunction webhooks = VendorWebhookFunctionAccess.create(env);
    ConnectorFunction inventory = LogiwaFunctionsAccess.inventory(env);
    var logiwa = sandbox.imitation("logiwa");
    logiwa.inventory().set("TEE-BLK-M", 10);
    logiwa.adminAction(
        "receive", JSON.createObjectNode().put("sku", "TEE-BLK-M").put("quantity", 5));
    logiwa.adminAction("count", JSON.createObjectNode().put("sku", "TEE-BLK-M").put("counted", 13));
    List<String> changes =
        logiwa.inventory().received().get("Inventory Change").stream()
            .map(Object::toString)
            .toList();

    for (String change : List.of(changes.get(0), changes.get(0), changes.get(1))) {
      Event raw =
          hook(
              webhooks,
              emulators,
              project,
              "/logiwa/inventory-change",
              "raw-vendor-payloads--logiwa",
              change);
      inventory.handle(pushed(raw, "raw-vendor-payloads--logiwa"));
    }

    List<Event> adjusted =
        pull(emulators, project, "stock-adjustments--stock", 3).stream()
            .map(m -> EventJson.decode(m.data()))
            .toList();
    assertThat(adjusted.stream().map(Event::getId).distinct()).hasSize(2);
    StockAdjusted receipt = (StockAdjusted) adjusted.get(0).getData();
    assertThat(receipt.getReason()).isEqualTo(AdjustmentReason.RECEIPT);
    assertThat(receipt.getQuantityChange()).isEqualTo(5);
    StockAdjusted count = (StockAdjusted) adjusted.get(adjusted.size() - 1).getData();
    assertThat(count.getReason()).isEqualTo(AdjustmentReason.STOCK_TAKE);
    assertThat(count.getCountedOnHand()).isEqualTo(13);
  }

  @Test
  void aWebhookWithoutTheTokenIsRefusedWithFieldAndReasonAndKeptNowhere(
      Emulators emulators, TestProject project) throws Exception {
    HttpFunction webhooks = VendorWebhookFunctionAccess.create(env(emulators, project));

    HttpCalls.Answer wrong =
        HttpCalls.post(webhooks, "/logiwa/inventory-change?token=guess", "{}".getBytes());
    HttpCalls.Answer unknown =
        HttpCalls.post(webhooks, "/logiwa/orders?token=" + TOKEN, "{}".getBytes());

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).at("/errors/0/field").asText()).isEqualTo("token");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(
            new PubSubRest(emulators.pubsub().hostPort())
                .pull(project.id(), "raw-vendor-payloads--logiwa", 10))
        .isEmpty();
  }
}
