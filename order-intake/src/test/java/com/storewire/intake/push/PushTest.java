package com.storewire.intake.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.OrderCancelled;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import com.storewire.intake.IntakeTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class PushTest extends IntakeTest {

  private static Event receipt(String sku, int units) {
    return EventBuilder.of(
            StockAdjusted.newBuilder()
                .setSku(sku)
                .setReason(AdjustmentReason.RECEIPT)
                .setSourceSystem(SystemId.LOGIWA)
                .setQuantityChange(units)
                .build())
        .source("//storewire/test")
        .build();
  }

  private static Event refusal(String orderId) {
    return refusal(orderId, orderId);
  }

  private static Event refusal(String orderId, String compensateOrderId) {
    return EventBuilder.of(
            ConnectorAlert.newBuilder()
                .setVendor(SystemId.LOGIWA)
                .setOperation("InsertShipmentOrder")
                .setReason(ConnectorAlertReason.REJECTED)
                .setAttempt(1)
                .setHttpStatus(200)
                .setDetail("Inventory item 'COMP-1' was not found.")
                .setFailedEventId("order-" + orderId)
                .setCompensateOrderId(compensateOrderId)
                .build())
        .source("//storewire/connector-functions/logiwa")
        .build();
  }

  @Test
  void anOrderTheWarehouseRefusedIsCancelledAndItsStockReleasedOnce() {
    seed("COMP-1", 10, 1);
    String orderId = order("comp-1", orderBody("COMP-1", 4)).json().get("order_id").asText();
    assertThat(stock.levels("COMP-1").orElseThrow().available()).isEqualTo(6);
    Event refusal = refusal(orderId);

    assertThat(push("compensations", refusal).status()).isEqualTo(204);
    assertThat(push("compensations", refusal).status()).isEqualTo(204);

    assertThat(stock.levels("COMP-1").orElseThrow().available()).isEqualTo(10);
    assertThat(call(HttpRequest.GET("/v1/orders/" + orderId)).json().get("status").asText())
        .isEqualTo("CANCELLED");
    List<Event> cancelled =
        events(
            "orders--bigquery",
            e ->
                e.getType().equals(EventType.ORDER_CANCELLED.ceType())
                    && orderId.equals(e.getSubject()),
            2);
    assertThat(cancelled).hasSize(1);
    assertThat(((OrderCancelled) cancelled.get(0).getData()).getReason())
        .isEqualTo("logiwa refused InsertShipmentOrder: Inventory item 'COMP-1' was not found.");
  }

  @Test
  void anAlertThatAsksForNoCompensationChangesNothing() {
    seed("COMP-2", 5, 1);
    String orderId = order("comp-2", orderBody("COMP-2", 2)).json().get("order_id").asText();
    Event alert = refusal(orderId, null);

    assertThat(push("compensations", alert).status()).isEqualTo(204);

    assertThat(stock.levels("COMP-2").orElseThrow().available()).isEqualTo(3);
  }

  @Test
  void aWarehouseReceiptAddsStockOnceHoweverOftenItIsPushed() {
    Event receipt = receipt("PUSH-1", 12);

    Answer first = push("stock-adjustments", receipt);
    Answer repeat = push("stock-adjustments", receipt);

    assertThat(first.status()).isEqualTo(204);
    assertThat(repeat.status()).isEqualTo(204);
    assertThat(stock.levels("PUSH-1").orElseThrow().onHand()).isEqualTo(12);
    assertThat(stock.levels("PUSH-1").orElseThrow().available()).isEqualTo(12);
  }

  @Test
  void safetyStockComesOffWhatIsSellable() {
    push("stock-adjustments", receipt("PUSH-2", 20));
    Event safety =
        EventBuilder.of(
                SafetyStockUpdated.newBuilder()
                    .setSku("PUSH-2")
                    .setSafetyStock(5)
                    .setPreviousSafetyStock(0)
                    .setMeanDailyDemand(3)
                    .setStddevDailyDemand(1)
                    .setLeadTimeDays(2)
                    .setServiceLevel(0.95)
                    .setWindowStart(Instant.parse("2026-11-01T00:00:00Z"))
                    .setWindowEnd(Instant.parse("2026-11-24T00:00:00Z"))
                    .build())
            .source("//storewire/dataflow")
            .build();

    assertThat(push("safety-stock", safety).status()).isEqualTo(204);

    assertThat(stock.levels("PUSH-2").orElseThrow().safetyStock()).isEqualTo(5);
    assertThat(stock.levels("PUSH-2").orElseThrow().sellable("storefront", 0)).isEqualTo(15);
    assertThat(
            call(HttpRequest.GET("/v1/availability/PUSH-2"))
                .json()
                .get("sellable")
                .get("shopify")
                .asInt())
        .isEqualTo(15);
  }

  @Test
  void damageBelowWhatIsReservedBecomesADeficitPaidDownByReleases() {
    push("stock-adjustments", receipt("PUSH-3", 4));
    String orderId = order("push-3", orderBody("PUSH-3", 4)).json().get("order_id").asText();
    Event damage =
        EventBuilder.of(
                StockAdjusted.newBuilder()
                    .setSku("PUSH-3")
                    .setReason(AdjustmentReason.DAMAGE)
                    .setSourceSystem(SystemId.LOGIWA)
                    .setQuantityChange(-3)
                    .build())
            .source("//storewire/test")
            .build();

    push("stock-adjustments", damage);
    assertThat(stock.levels("PUSH-3").orElseThrow().deficit()).isEqualTo(3);
    call(HttpRequest.POST("/v1/orders/" + orderId + ":cancel", ""));

    var levels = stock.levels("PUSH-3").orElseThrow();
    assertThat(levels.onHand()).isEqualTo(1);
    assertThat(levels.reserved()).isZero();
    assertThat(levels.deficit()).isZero();
    assertThat(levels.available()).isEqualTo(1);
  }

  @Test
  void aMessageOfTheWrongTypeOrShapeIs400SoPubSubDeadLettersIt() {
    Answer wrongType = push("safety-stock", receipt("PUSH-4", 1));
    Answer garbage =
        call(
            HttpRequest.POST(
                    "/v1/push/stock-adjustments", "{\"message\":{\"data\":\"bm90IGpzb24=\"}}")
                .contentType("application/json"));

    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("errors").get(0).get("field").asText())
        .isEqualTo("message.data.type");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().get("errors").get(0).get("reason").asText())
        .contains("malformed JSON");
  }

  /**
   * Terraform points each of order-intake's push subscriptions at {@code /v1/push/<consumer name>}
   * unless platform/main.tf names its path: every one must reach a push route (an empty message is
   * refused as invalid, 400, rather than not found).
   */
  @Test
  void everyPushSubscriptionTerraformDeploysReachesAPushRoute() throws IOException {
    // Terraform pushes each subscription to the path the deployment description gives it.
    Map<String, String> named =
        com.storewire.deployment.Deployment.storewire()
            .deployable(com.storewire.deployment.Deployment.ORDER_INTAKE)
            .pushes();
    List<SubscriptionSpec> pushed =
        Catalog.storewire().subscriptionsOf(Component.ORDER_INTAKE).stream()
            .filter(s -> s.delivery() == Component.Delivery.PUSH)
            .toList();

    assertThat(pushed).extracting(SubscriptionSpec::name).contains("shipments--fulfilment");
    for (SubscriptionSpec subscription : pushed) {
      String route = named.get(subscription.name());
      assertThat(route).as("%s's push path", subscription.name()).isNotNull();
      assertThat(call(HttpRequest.POST(route, "{}").contentType("application/json")).status())
          .as("%s pushes to %s", subscription.name(), route)
          .isEqualTo(400);
    }
  }

  @Test
  void withOidcOnARequestWithoutAValidTokenIsRefused() {
    PushAuthenticator auth =
        new PushAuthenticator(
            true, "https://intake.example/v1/push", "push@p.iam.gserviceaccount.com");

    assertThat(auth.refusal(null)).isEqualTo("missing bearer token");
    assertThat(auth.refusal("Bearer not.a.jwt")).startsWith("invalid token");
    assertThat(new PushAuthenticator(false, "", "").refusal(null)).isNull();
  }
}
