package com.storewire.connectors;

import static com.storewire.connectors.Deliveries.availability;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.shopify.ShopifyStockFunctionAccess;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.PushDelivery;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.ConnectorAlertReason;
import com.storewire.events.Event;
import com.storewire.events.codec.EventJson;
import com.storewire.sandbox.core.Faults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A connector function's HTTP entry, as a push subscription reaches it: the answer is Pub/Sub's
 * acknowledgement (2xx acks, anything else is redelivered and finally dead-lettered), and every
 * refusal says which part of the request was wrong.
 */
@WithEmulators
class PushEntryTest extends SandboxedFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectorFunction shopify(Emulators emulators, TestProject project) {
    return ShopifyStockFunctionAccess.create(env(emulators, project, Map.of()));
  }

  /** POSTs the event as the Shopify subscription that admits it pushes it. */
  private HttpCalls.Answer pushToShopify(Emulators emulators, TestProject project, Event event)
      throws Exception {
    return HttpCalls.post(
        shopify(emulators, project), "/", PushDelivery.toConsumer(event, "p", "shopify"));
  }

  private static byte[] body(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode refusal(HttpCalls.Answer answer) throws Exception {
    return JSON.readTree(answer.body()).path("errors").get(0);
  }

  @Test
  void aDeliveredEventIsAnswered204(Emulators emulators, TestProject project) throws Exception {
    sandbox.imitation("shopify").inventory().set("PUSH-1", 1);

    HttpCalls.Answer answer =
        pushToShopify(emulators, project, availability("shopify", "PUSH-1", 6, 1));

    assertThat(answer.status()).isEqualTo(204);
    assertThat(sandbox.imitation("shopify").inventory().get("PUSH-1")).isEqualTo(6);
  }

  @Test
  void aMessageThatIsNoEventIsParkedByTheFunctionAndAcknowledged(
      Emulators emulators, TestProject project) throws Exception {
    PubSubRest.ReceivedMessage poison =
        new PubSubRest.ReceivedMessage(
            "ack-1", "poison-1", body("not an event"), Map.of(), 0, "", "");

    HttpCalls.Answer answer =
        HttpCalls.post(
            shopify(emulators, project),
            "/",
            PushDelivery.of(poison, project.id(), "availability--shopify"));

    assertThat(answer.status()).isEqualTo(204);
    List<PubSubRest.ReceivedMessage> parked =
        pull(emulators, project, "availability--shopify--dead-letter--parked");
    assertThat(parked).hasSize(1);
    assertThat(new String(parked.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(parked.get(0).attributes())
        .containsEntry("storewire-parked-from", "availability--shopify");
  }

  @Test
  void aBodyThatIsNoPushEnvelopeIsRefused400ForPubSubToDeadLetter(
      Emulators emulators, TestProject project) throws Exception {
    ConnectorFunction function = shopify(emulators, project);

    HttpCalls.Answer notJson = HttpCalls.post(function, "/", body("hello"));
    HttpCalls.Answer noSubscription =
        HttpCalls.post(
            function, "/", body("{\"message\":{\"data\":\"e30=\",\"messageId\":\"m-1\"}}"));
    HttpCalls.Answer cloudEvent =
        HttpCalls.post(
            function,
            "/",
            body(
                "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":"
                    + "\"google.cloud.pubsub.topic.v1.messagePublished\"}"));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(refusal(notJson).path("field").asText()).isEqualTo("body");
    assertThat(noSubscription.status()).isEqualTo(400);
    assertThat(refusal(noSubscription).path("field").asText()).isEqualTo("subscription");
    assertThat(cloudEvent.status()).isEqualTo(400);
    assertThat(refusal(cloudEvent).path("field").asText()).isEqualTo("message");
    assertThat(JSON.readTree(cloudEvent.body()).path("status").asInt()).isEqualTo(400);
  }

  @Test
  void anUnexpectedFailureIsAnswered500ForRedelivery(Emulators emulators, TestProject project)
      throws Exception {
    // A project with no topics: the function cannot publish its alert, let alone park.
    ConnectorFunction function =
        ShopifyStockFunctionAccess.create(
            env(emulators, project, Map.of("GOOGLE_CLOUD_PROJECT", TestProject.fresh().id())));
    PubSubRest.ReceivedMessage poison =
        new PubSubRest.ReceivedMessage(
            "ack-1", "poison-2", body("not an event"), Map.of(), 0, "", "");

    HttpCalls.Answer answer =
        HttpCalls.post(
            function, "/", PushDelivery.of(poison, project.id(), "availability--shopify"));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(refusal(answer).path("field").asText()).isEqualTo("function");
  }

  @Test
  void onlyPostIsAccepted(Emulators emulators, TestProject project) throws Exception {
    HttpCalls.Answer answer = HttpCalls.call(shopify(emulators, project), "GET", "/", new byte[0]);

    assertThat(answer.status()).isEqualTo(405);
    assertThat(refusal(answer).path("field").asText()).isEqualTo("method");
  }

  @Test
  void aVendorOutageThatOutlastsTheRetriesIsAlertedAndAnswered503ForRedelivery(
      Emulators emulators, TestProject project) throws Exception {
    sandbox.imitation("shopify").inventory().set("PUSH-2", 1);
    sandbox
        .imitation("shopify")
        .faults()
        .add(Faults.Kind.SERVER_ERROR, 0, Duration.ofSeconds(30), 1.0, 0);

    HttpCalls.Answer answer =
        pushToShopify(emulators, project, availability("shopify", "PUSH-2", 9, 1));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(refusal(answer).path("field").asText()).isEqualTo("vendor");
    ConnectorAlert alert =
        (ConnectorAlert)
            EventJson.decode(pull(emulators, project, "connector-alerts--bigquery").get(0).data())
                .getData();
    assertThat(alert.getReason()).isEqualTo(ConnectorAlertReason.UNAVAILABLE);
    // Parking publishes before the function answers, so a pull that returns at once is enough.
    assertThat(
            new PubSubRest(emulators.pubsub().hostPort())
                .pull(project.id(), "availability--shopify--dead-letter--parked", 10))
        .as("left to Pub/Sub to redeliver")
        .isEmpty();
  }
}
