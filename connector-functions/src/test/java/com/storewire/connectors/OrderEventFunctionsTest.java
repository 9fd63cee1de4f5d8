package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.pushed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.CloudEventsFunction;
import com.storewire.catalog.Catalog;
import com.storewire.connectors.klaviyo.KlaviyoOrderFunctionAccess;
import com.storewire.connectors.shipstation.ShipStationOrderFunctionAccess;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.OrderPlaced;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ShipStation and Klaviyo order functions: idempotent redeliveries, auth failures never silent. */
@WithEmulators
class OrderEventFunctionsTest {

  private static final VendorSandbox.Credentials CREDENTIALS = VendorSandbox.Credentials.local();
  private SandboxServer sandbox;

  @BeforeEach
  void startSandbox() {
    sandbox = VendorSandbox.start(0, 11, CREDENTIALS);
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  private Map<String, String> env(Emulators emulators, TestProject project) {
    new CatalogProvisioner(new PubSubRest(emulators.pubsub().hostPort()), project.id())
        .provision(Catalog.storewire());
    return Map.of(
        "SHIPSTATION_BASE_URL", sandbox.baseUrl("shipstation"),
        "SHIPSTATION_API_KEY", "ss-key",
        "SHIPSTATION_API_SECRET", CREDENTIALS.shipStationSecret(),
        "KLAVIYO_BASE_URL", sandbox.baseUrl("klaviyo"),
        "KLAVIYO_API_KEY", CREDENTIALS.klaviyoApiKey(),
        "GOOGLE_CLOUD_PROJECT", project.id(),
        "PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort(),
        "STOREWIRE_FIRST_BACKOFF_MS", "20");
  }

  private List<JsonNode> received(String vendor, String kind) {
    return sandbox.imitation(vendor).inventory().received().getOrDefault(kind, List.of());
  }

  private static List<PubSubRest.ReceivedMessage> pull(
      Emulators emulators, TestProject project, String subscription) {
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    List<PubSubRest.ReceivedMessage> received = new ArrayList<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (received.isEmpty() && System.nanoTime() < deadline) {
      received.addAll(pubsub.pull(project.id(), subscription, 10));
    }
    return received;
  }

  @Test
  void aRedeliveredOrderUpdatesTheSameShipStationOrder(Emulators emulators, TestProject project)
      throws Exception {
    CloudEventsFunction function = ShipStationOrderFunctionAccess.create(env(emulators, project));
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);

    function.accept(pushed(placed, "orders--shipstation"));
    function.accept(pushed(placed, "orders--shipstation"));

    List<JsonNode> orders = received("shipstation", "createorder");
    assertThat(orders).hasSize(2);
    assertThat(orders.get(0).get("orderId")).isEqualTo(orders.get(1).get("orderId"));
    assertThat(orders.get(0).get("orderKey").asText())
        .isEqualTo(((OrderPlaced) placed.getData()).getOrderId());
    assertThat(orders.get(0).at("/items/0/unitPrice").decimalValue()).isEqualByComparingTo("19.99");
  }

  @Test
  void revokedShipStationKeysAreAlertedAtOnceAndTheOrderParked(
      Emulators emulators, TestProject project) throws Exception {
    CloudEventsFunction function = ShipStationOrderFunctionAccess.create(env(emulators, project));
    sandbox.imitation("shipstation").revokeTokens();
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);

    function.accept(pushed(placed, "orders--shipstation"));

    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.AUTH_EXPIRED);
    assertThat(alert.getHttpStatus()).isEqualTo(401);
    assertThat(alert.getAttempt()).isEqualTo(2);
    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "orders--shipstation--dead-letter--parked");
    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).attributes()).containsEntry("storewire-parked-reason", "AUTH_EXPIRED");
    assertThat(EventJson.decode(parked.get(0).data()).getId()).isEqualTo(placed.getId());
  }

  @Test
  void klaviyoRecordsAPlacedOrderOnceHoweverOftenItIsDelivered(
      Emulators emulators, TestProject project) throws Exception {
    CloudEventsFunction function = KlaviyoOrderFunctionAccess.create(env(emulators, project));
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);
    OrderPlaced anonymous =
        OrderPlaced.newBuilder((OrderPlaced) placed.getData())
            .setOrderId("ord-anon")
            .setCustomerEmail(null)
            .build();

    function.accept(pushed(placed, "orders--klaviyo"));
    function.accept(pushed(placed, "orders--klaviyo"));
    function.accept(
        pushed(EventBuilder.of(anonymous).source("//storewire/test").build(), "orders--klaviyo"));

    List<JsonNode> events = received("klaviyo", "event");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).at("/unique_id").asText()).isEqualTo(placed.getId());
    assertThat(events.get(0).at("/profile/data/attributes/email").asText())
        .isEqualTo("ada@example.com");
  }
}
