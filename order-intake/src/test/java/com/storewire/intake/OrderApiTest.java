package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.ReservationReleased;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest
class OrderApiTest extends IntakeTest {

  @Test
  void sameKeySameBodyGetsTheFirstAnswerAgainAndReservesOnce() {
    seed("IDEM-1", 10, 2);

    Answer first = order("key-1", orderBody("IDEM-1", 3));
    Answer again = order("key-1", orderBody("IDEM-1", 3));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(stock.levels("IDEM-1").orElseThrow().reserved()).isEqualTo(3);
  }

  @Test
  void sameKeyDifferentBodyIs422() {
    seed("IDEM-2", 10, 2);
    order("key-2", orderBody("IDEM-2", 1));

    Answer reused = order("key-2", orderBody("IDEM-2", 2));

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().get("type").asText()).endsWith("idempotency-key-reused");
    assertThat(stock.levels("IDEM-2").orElseThrow().reserved()).isEqualTo(1);
  }

  @Test
  void aRejectionIsRememberedByItsKeyToo() {
    seed("IDEM-3", 1, 1);

    Answer first = order("key-3", orderBody("IDEM-3", 2));
    seed("IDEM-3", 5, 1);
    Answer again = order("key-3", orderBody("IDEM-3", 2));

    assertThat(first.status()).isEqualTo(409);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(
            events(
                "orders--bigquery",
                e ->
                    e.getType().equals(EventType.ORDER_REJECTED.ceType())
                        && e.getSubject().equals(first.json().get("order_id").asText()),
                1))
        .hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing lines|{\"channel\":\"storefront\",\"currency\":\"USD\"}|lines|required",
        "zero quantity|{\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":0,\"unit_price_minor\":1}]}|lines[0].quantity|must be 1 to 1000",
        "bad sku|{\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"no spaces\",\"quantity\":1,\"unit_price_minor\":1}]}|lines[0].sku|not a SKU",
        "bad currency|{\"channel\":\"storefront\",\"currency\":\"usd\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1,\"unit_price_minor\":1}]}|currency|ISO 4217",
        "unknown channel|{\"channel\":\"etsy\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1,\"unit_price_minor\":1}]}|channel|not one of",
        "a marketplace's channel|{\"channel\":\"amazon\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1,\"unit_price_minor\":1}]}|channel|must be storefront",
        "text quantity|{\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":\"1\",\"unit_price_minor\":1}]}|lines[0].quantity|expected an integer",
        "unknown field|{\"channel\":\"storefront\",\"currency\":\"USD\",\"coupon\":\"X\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1,\"unit_price_minor\":1}]}|coupon|unknown field",
        "malformed|{\"channel\": |$|malformed JSON"
      })
  void everyValidationErrorNamesFieldAndReason(
      String name, String body, String field, String reason) {
    Answer answer = order("v-" + name, body);

    assertThat(answer.status()).isEqualTo(400);
    JsonNode problem = answer.json();
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("title").asText()).isEqualTo("Invalid order");
    assertThat(problem.get("type").asText()).endsWith("invalid-order");
    List<String> errors = new ArrayList<>();
    problem
        .get("errors")
        .forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("reason").asText()));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(field + ": ").contains(reason));
  }

  @Test
  void unknownSkuIs422NamingIt() {
    Answer answer = order("unknown-1", orderBody("NEVER-STOCKED", 1));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().get("detail").asText()).contains("NEVER-STOCKED");
  }

  @Test
  void aMissingIdempotencyKeyIs400() {
    Answer answer =
        storefront(
            HttpRequest.POST("/v1/orders", orderBody("A-1", 1)).contentType("application/json"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errors").get(0).get("field").asText())
        .isEqualTo("Idempotency-Key");
  }

  @Test
  void anOversizedBodyIsRefused() {
    String huge = "{\"channel\":\"storefront\",\"pad\":\"" + "x".repeat(300_000) + "\"}";

    Answer answer = order("huge", huge);

    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
  }

  @Test
  void cancelReleasesTheReservationAndSaysSo() {
    seed("CANCEL-1", 4, 2);
    String orderId = order("cancel-1", orderBody("CANCEL-1", 3)).json().get("order_id").asText();

    Answer cancelled = storefront(HttpRequest.POST("/v1/orders/" + orderId + ":cancel", ""));
    Answer again = storefront(HttpRequest.POST("/v1/orders/" + orderId + ":cancel", ""));

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(again.status()).isEqualTo(200);
    assertThat(stock.levels("CANCEL-1").orElseThrow().reserved()).isZero();
    assertThat(stock.levels("CANCEL-1").orElseThrow().available()).isEqualTo(4);
    List<Event> released =
        events(
            "stock-reservations--bigquery",
            e -> e.getType().equals(EventType.RESERVATION_RELEASED.ceType()),
            1);
    assertThat(released).hasSize(1);
    assertThat(((ReservationReleased) released.get(0).getData()).getQuantity()).isEqualTo(3);
    assertThat(storefront(HttpRequest.GET("/v1/orders/" + orderId)).json().get("status").asText())
        .isEqualTo("CANCELLED");
  }

  @Test
  void readsAnswerAvailabilityPerChannelAndOrders() {
    seed("READ-1", 9, 3);
    String orderId = order("read-1", orderBody("READ-1", 2)).json().get("order_id").asText();

    JsonNode one = storefront(HttpRequest.GET("/v1/availability/READ-1")).json();
    JsonNode batch = internal(HttpRequest.GET("/v1/availability?sku=READ-1&sku=NOPE-1")).json();

    assertThat(one.get("on_hand").asInt()).isEqualTo(9);
    assertThat(one.get("reserved").asInt()).isEqualTo(2);
    assertThat(one.get("sellable").get("storefront").asInt()).isEqualTo(7);
    assertThat(batch.get("items").get(0).get("sku").asText()).isEqualTo("READ-1");
    assertThat(batch.get("unknown").get(0).asText()).isEqualTo("NOPE-1");
    assertThat(storefront(HttpRequest.GET("/v1/availability/NOPE-1")).status()).isEqualTo(404);
    assertThat(
            storefront(HttpRequest.GET("/v1/orders/" + orderId))
                .json()
                .get("lines")
                .get(0)
                .get("quantity")
                .asInt())
        .isEqualTo(2);
    assertThat(storefront(HttpRequest.GET("/v1/orders/ord-missing")).status()).isEqualTo(404);
  }

  @Test
  void everyReservationIsFollowedByAvailabilityForEveryChannel() {
    seed("AVAIL-1", 10, 2);
    order("avail-1", orderBody("AVAIL-1", 4));

    List<Event> availability =
        events(
            "availability--bigquery",
            e ->
                e.getSubject().equals("AVAIL-1")
                    && ((com.storewire.events.AvailabilityChanged) e.getData()).getReserved() == 4,
            5);

    assertThat(availability).hasSize(5);
    assertThat(availability)
        .allSatisfy(
            e ->
                assertThat(((com.storewire.events.AvailabilityChanged) e.getData()).getSellable())
                    .isEqualTo(6));
  }
}
