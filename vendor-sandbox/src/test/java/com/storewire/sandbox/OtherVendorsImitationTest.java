package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.sandbox.vendors.LogiwaImitation;
import com.storewire.sandbox.vendors.ShipStationImitation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherVendorsImitationTest extends SandboxTest {

  @Test
  void shipStationAllows40PerMinuteWithItsRateHeadersAndUpsertsByOrderKey() {
    String auth = basic(ShipStationImitation.API_KEY, CREDENTIALS.shipStationSecret());
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      answers.add(
          send(
              "POST",
              "/shipstation/orders/createorder",
              "{\"orderNumber\":\"ord-1\",\"orderKey\":\"ord-1\",\"orderStatus\":\"awaiting_shipment\"}",
              "Content-Type",
              "application/json",
              "Authorization",
              auth));
    }

    assertThat(answers.subList(0, 40)).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    assertThat(answers.get(0).json().get("orderId").asLong())
        .isEqualTo(answers.get(39).json().get("orderId").asLong());
    assertThat(answers.get(39).header("X-Rate-Limit-Remaining")).isEqualTo("0");
    assertThat(answers.get(40).status()).isEqualTo(429);
    assertThat(answers.get(40).json().get("message").asText()).isEqualTo("Too Many Requests");
    assertThat(Integer.parseInt(answers.get(40).header("X-Rate-Limit-Reset"))).isBetween(1, 60);
  }

  @Test
  void klaviyoNeedsTheRevisionHeaderDedupesUniqueIdsAndThrottlesBulkJobs() {
    String auth = "Klaviyo-API-Key " + CREDENTIALS.klaviyoApiKey();
    String event =
        "{\"data\":{\"type\":\"event\",\"attributes\":{\"unique_id\":\"u-1\",\"properties\":{},\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Placed Order\"}}},\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"a@b.c\"}}}}}}";

    Answer noRevision =
        send(
            "POST",
            "/klaviyo/api/events",
            event,
            "Authorization",
            auth,
            "Content-Type",
            "application/vnd.api+json");
    Answer first =
        send("POST", "/klaviyo/api/events", event, "Authorization", auth, "revision", "2026-10-15");
    Answer repeat =
        send("POST", "/klaviyo/api/events", event, "Authorization", auth, "revision", "2026-10-15");
    Answer badKey =
        send(
            "POST",
            "/klaviyo/api/events",
            event,
            "Authorization",
            "Klaviyo-API-Key nope",
            "revision",
            "2026-10-15");
    int throttled = 0;
    Answer throttle = null;
    for (int i = 0; i < 25; i++) {
      Answer job =
          send(
              "POST",
              "/klaviyo/api/event-bulk-create-jobs",
              "{\"data\":{\"attributes\":{\"events-bulk-create\":{\"data\":[]}}}}",
              "Authorization",
              auth,
              "revision",
              "2026-10-15");
      if (job.status() == 429) {
        throttled++;
        throttle = job;
      }
    }

    assertThat(noRevision.status()).isEqualTo(400);
    assertThat(noRevision.json().at("/errors/0/source/pointer").asText()).isEqualTo("revision");
    assertThat(first.status()).isEqualTo(202);
    assertThat(repeat.status()).isEqualTo(202);
    assertThat(admin("GET", "/klaviyo/state", null).json().at("/received/event")).hasSize(1);
    assertThat(badKey.status()).isEqualTo(401);
    assertThat(throttled).isGreaterThanOrEqualTo(5);
    assertThat(throttle.header("Retry-After")).isNotNull();
    assertThat(throttle.json().at("/errors/0/code").asText()).isEqualTo("throttled");
  }

  @Test
  void logiwaThrottlesPastOneRequestASecondAsA403() {
    Answer token =
        send(
            "POST",
            "/logiwa/token",
            "grant_type=password&username="
                + java.net.URLEncoder.encode(
                    LogiwaImitation.USERNAME, java.nio.charset.StandardCharsets.UTF_8)
                + "&password="
                + CREDENTIALS.logiwaPassword(),
            "Content-Type",
            "application/x-www-form-urlencoded");
    String bearer = "Bearer " + token.json().get("access_token").asText();

    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(
          send(
              "POST",
              "/logiwa/en/api/IntegrationApi/StockSearch",
              "{}",
              "Authorization",
              bearer,
              "Content-Type",
              "application/json"));
    }
    Answer unauthorized =
        send(
            "POST",
            "/logiwa/en/api/IntegrationApi/StockSearch",
            "{}",
            "Authorization",
            "Bearer nope");

    assertThat(answers.get(0).json().get("Success").asBoolean()).isTrue();
    assertThat(answers.stream().filter(a -> a.status() == 403))
        .isNotEmpty()
        .allSatisfy(
            a ->
                assertThat(a.json().get("Message").asText())
                    .contains("Request has been throttled"));
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.json().get("Message").asText())
        .isEqualTo("Authorization has been denied for this request.");
  }

  @Test
  void scriptedServerErrorsAndResetsHitTheNextRequests() {
    admin("POST", "/logiwa/faults", "{\"kind\":\"SERVER_ERROR\",\"requests\":1}");
    admin("POST", "/shipstation/faults", "{\"kind\":\"RESET\",\"requests\":1}");

    Answer serverError =
        send("POST", "/logiwa/token", "", "Content-Type", "application/x-www-form-urlencoded");
    Throwable reset = null;
    try {
      send("POST", "/shipstation/orders/createorder", "{}", "Content-Type", "application/json");
    } catch (IllegalStateException e) {
      reset = e.getCause();
    }

    assertThat(serverError.status()).isEqualTo(503);
    assertThat(serverError.json().get("Success").asBoolean()).isFalse();
    assertThat(reset).isInstanceOf(java.io.IOException.class);
    assertThat(admin("GET", "/logiwa/state", null).json().get("faults")).isEmpty();
  }

  @Test
  void shipStationPostsAThinShipNotifyWhoseResourceUrlListsTheShipment() throws Exception {
    String auth = basic(ShipStationImitation.API_KEY, CREDENTIALS.shipStationSecret());
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.CompletableFuture<String> notified =
        new java.util.concurrent.CompletableFuture<>();
    receiver.createContext(
        "/ship-notify",
        exchange -> {
          notified.complete(
              new String(
                  exchange.getRequestBody().readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      send(
          "POST",
          "/shipstation/webhooks/subscribe",
          "{\"target_url\":\"http://127.0.0.1:"
              + receiver.getAddress().getPort()
              + "/ship-notify\",\"event\":\"SHIP_NOTIFY\"}",
          "Content-Type",
          "application/json",
          "Authorization",
          auth);
      send(
          "POST",
          "/shipstation/orders/createorder",
          "{\"orderNumber\":\"ord-9\",\"orderKey\":\"ord-9\"}",
          "Content-Type",
          "application/json",
          "Authorization",
          auth);

      admin(
          "POST",
          "/shipstation/ship",
          "{\"orderKey\":\"ord-9\",\"trackingNumber\":\"1Z999\",\"sandbox_base_url\":\""
              + sandbox.baseUrl("shipstation")
              + "\"}");

      JsonNode notify = JSON.readTree(notified.get(5, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(notify.get("resource_type").asText()).isEqualTo("SHIP_NOTIFY");
      assertThat(notify.size()).isEqualTo(2);
      String path = notify.get("resource_url").asText().replaceFirst("http://[^/]+", "");
      JsonNode shipments = send("GET", path, null, "Authorization", auth).json();
      assertThat(shipments.at("/shipments/0/trackingNumber").asText()).isEqualTo("1Z999");
      assertThat(shipments.at("/shipments/0/orderKey").asText()).isEqualTo("ord-9");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void addedLatencyDelaysAnswersAndATimeoutAnswersNothing() {
    admin("POST", "/klaviyo/faults", "{\"kind\":\"LATENCY\",\"requests\":1,\"millis\":300}");
    long start = System.nanoTime();
    Answer slow =
        send(
            "POST",
            "/klaviyo/api/events",
            "{}",
            "Authorization",
            "Klaviyo-API-Key " + CREDENTIALS.klaviyoApiKey(),
            "revision",
            "2026-10-15");
    long millis = (System.nanoTime() - start) / 1_000_000;
    admin("POST", "/klaviyo/faults", "{\"kind\":\"TIMEOUT\",\"requests\":1,\"millis\":200}");
    Throwable timedOut = null;
    try {
      send("POST", "/klaviyo/api/events", "{}", "revision", "2026-10-15");
    } catch (IllegalStateException e) {
      timedOut = e.getCause();
    }

    assertThat(millis).isGreaterThanOrEqualTo(300);
    assertThat(slow.status()).isEqualTo(400);
    assertThat(timedOut).isInstanceOf(java.io.IOException.class);
  }
}
