package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.pushed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.klaviyo.KlaviyoEventFunctionAccess;
import com.storewire.connectors.logiwa.LogiwaFunctionsAccess;
import com.storewire.connectors.shipstation.ShipStationOrderFunctionAccess;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.OrderCancelled;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderPlaced;
import com.storewire.events.codec.EventJson;
import com.storewire.events.samples.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** ShipStation and Klaviyo order functions: idempotent redeliveries, auth failures never silent. */
@WithEmulators
class OrderEventFunctionsTest extends SandboxedFunctionTest {

  private Map<String, String> env(Emulators emulators, TestProject project) {
    return env(emulators, project, Map.of());
  }

  private static Event order(String orderId, String... skus) {
    OrderPlaced sample = (OrderPlaced) SampleEvents.of(EventType.ORDER_PLACED).getData();
    List<OrderLine> lines = new ArrayList<>();
    for (String sku : skus) {
      lines.add(OrderLine.newBuilder(sample.getLines().get(0)).setSku(sku).build());
    }
    return EventBuilder.of(
            OrderPlaced.newBuilder(sample).setOrderId(orderId).setLines(lines).build())
        .source("//storewire/order-intake")
        .build();
  }

  private List<JsonNode> received(String vendor, String kind) {
    return sandbox.imitation(vendor).inventory().received().getOrDefault(kind, List.of());
  }

  @Test
  void aRedeliveredOrderUpdatesTheSameShipStationOrder(Emulators emulators, TestProject project)
      throws Exception {
    ConnectorFunction function = ShipStationOrderFunctionAccess.create(env(emulators, project));
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);

    function.handle(pushed(placed, "orders--shipstation"));
    function.handle(pushed(placed, "orders--shipstation"));

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
    ConnectorFunction function = ShipStationOrderFunctionAccess.create(env(emulators, project));
    sandbox.imitation("shipstation").revokeTokens();
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);

    function.handle(pushed(placed, "orders--shipstation"));

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
  void logiwaGetsEachSalesOrderOnceThroughItsThrottleAndAnExpiredToken(
      Emulators emulators, TestProject project) throws Exception {
    ConnectorFunction function = LogiwaFunctionsAccess.orders(env(emulators, project));
    sandbox.imitation("logiwa").inventory().set("TEE-BLK-M", 50);
    Event first = order("ord-lw-1", "TEE-BLK-M");

    function.handle(pushed(first, "orders--logiwa"));
    sandbox.imitation("logiwa").revokeTokens();
    function.handle(pushed(order("ord-lw-2", "TEE-BLK-M"), "orders--logiwa"));
    function.handle(pushed(first, "orders--logiwa"));

    assertThat(received("logiwa", "InsertShipmentOrder"))
        .extracting(o -> o.get("Code").asText())
        .containsExactly("ord-lw-1", "ord-lw-2");
    assertThat(
            received("logiwa", "InsertShipmentOrder").get(0).at("/Details/0/PackQuantity").asInt())
        .isEqualTo(2);
    assertThat(
            new PubSubRest(emulators.pubsub().hostPort())
                .pull(project.id(), "connector-alerts--bigquery", 10))
        .as("a throttle Logiwa answers with 403 is waited out, not alerted as an auth failure")
        .isEmpty();
  }

  @Test
  void ordersArrivingTogetherAndRedeliveredReachLogiwaInBulkCallsEachOnce(
      Emulators emulators, TestProject project) throws Exception {
    ConnectorFunction function = LogiwaFunctionsAccess.orders(env(emulators, project));
    sandbox.imitation("logiwa").inventory().set("TEE-BLK-M", 500);
    long callsBefore = sandbox.imitation("logiwa").requests();
    ExecutorService deliveries = Executors.newFixedThreadPool(60);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Event placed = order("ord-bulk-" + i, "TEE-BLK-M");
      // Each delivered twice at once, as Pub/Sub may: a repeat in a batch must not get the whole
      // batch refused (Logiwa refuses a call with a code it already has).
      for (int delivery = 0; delivery < 2; delivery++) {
        done.add(
            deliveries.submit(
                () -> {
                  function.handle(pushed(placed, "orders--logiwa"));
                  return null;
                }));
      }
    }
    for (Future<?> delivery : done) {
      delivery.get();
    }
    deliveries.shutdown();

    assertThat(received("logiwa", "InsertShipmentOrder"))
        .extracting(o -> o.get("Code").asText())
        .hasSize(30)
        .doesNotHaveDuplicates();
    assertThat(sandbox.imitation("logiwa").requests() - callsBefore)
        .as("at 1 request/s, one call per order would take half a minute")
        .isLessThan(10);
  }

  @Test
  void anOrderTheWarehouseRefusesIsParkedAtOnceAndCompensated(
      Emulators emulators, TestProject project) throws Exception {
    ConnectorFunction function = LogiwaFunctionsAccess.orders(env(emulators, project));
    Event refused = order("ord-lw-9", "NOT-STOCKED");

    function.handle(pushed(refused, "orders--logiwa"));

    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(
                    pull(emulators, project, "connector-alerts--compensation").get(0).data())
                .getData();
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.REJECTED);
    assertThat(alert.getAttempt()).isEqualTo(1);
    assertThat(alert.getCompensateOrderId()).isEqualTo("ord-lw-9");
    assertThat(alert.getDetail()).contains("NOT-STOCKED");
    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "orders--logiwa--dead-letter--parked");
    assertThat(parked)
        .singleElement()
        .satisfies(
            m -> assertThat(m.attributes()).containsEntry("storewire-parked-reason", "REJECTED"));
    assertThat(received("logiwa", "InsertShipmentOrder")).isEmpty();
  }

  @Test
  void klaviyoHearsOfACancellationWithItsReason(Emulators emulators, TestProject project)
      throws Exception {
    ConnectorFunction function = KlaviyoEventFunctionAccess.create(env(emulators, project));
    Event cancelled =
        EventBuilder.of(
                OrderCancelled.newBuilder(
                        (OrderCancelled) SampleEvents.of(EventType.ORDER_CANCELLED).getData())
                    .setCustomerEmail("ada@example.com")
                    .build())
            .source("//storewire/order-intake")
            .build();

    function.handle(pushed(cancelled, "orders--klaviyo"));

    assertThat(received("klaviyo", "event"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.at("/metric/data/attributes/name").asText())
                  .isEqualTo("Cancelled Order");
              assertThat(e.at("/properties/reason").asText())
                  .isEqualTo(((OrderCancelled) cancelled.getData()).getReason());
            });
  }

  @Test
  void klaviyoRecordsAPlacedOrderOnceHoweverOftenItIsDelivered(
      Emulators emulators, TestProject project) throws Exception {
    ConnectorFunction function = KlaviyoEventFunctionAccess.create(env(emulators, project));
    Event placed = SampleEvents.of(EventType.ORDER_PLACED);
    OrderPlaced anonymous =
        OrderPlaced.newBuilder((OrderPlaced) placed.getData())
            .setOrderId("ord-anon")
            .setCustomerEmail(null)
            .build();

    function.handle(pushed(placed, "orders--klaviyo"));
    function.handle(pushed(placed, "orders--klaviyo"));
    function.handle(
        pushed(EventBuilder.of(anonymous).source("//storewire/test").build(), "orders--klaviyo"));

    List<JsonNode> events = received("klaviyo", "event");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).at("/unique_id").asText()).isEqualTo(placed.getId());
    assertThat(events.get(0).at("/profile/data/attributes/email").asText())
        .isEqualTo("ada@example.com");
  }
}
