package com.storewire.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.events.AvailabilityChanged;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.codec.EventJson;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production delivery path, on this machine: a stock function under the Functions Framework
 * invoker as Cloud Functions runs it (an HTTP function), and the Pub/Sub emulator pushing to it
 * from the catalog's own subscriptions — their names, dead-letter topics and attempt limits — as
 * terraform's push subscriptions do. No bridge in between: what reaches the function is the
 * emulator's own push request.
 *
 * <p>Each case uses its own SKU and its own parked subscription (routine or urgent), so the cases
 * share one function and one project and still see only their own messages.
 */
@WithEmulators
class PushSubscriptionIT {

  private static final String FUNCTION = "com.storewire.connectors.shopify.ShopifyStockFunction";
  private static final String ROUTINE = "availability--shopify";
  private static final String URGENT = "availability--shopify-urgent";

  private static SandboxServer sandbox;
  private static JavaProcess function;
  private static PubSubRest pubsub;
  private static String project;

  @BeforeAll
  static void start(Emulators emulators, TestProject testProject) {
    project = testProject.id();
    pubsub = new PubSubRest(emulators.pubsub().hostPort());
    // Backoffs of 0.1 s to 6 s instead of 10 s to 10 min: five attempts take seconds.
    new CatalogProvisioner(pubsub, project).withBackoffDivisor(100).provision(Catalog.storewire());
    sandbox = VendorSandbox.start(0, 5, VendorSandbox.Credentials.local());
    Map<String, String> env = new HashMap<>(LocalConnectors.env(emulators, project, sandbox));
    env.put("STOREWIRE_FIRST_BACKOFF_MS", "20");
    function =
        LocalServices.connectorFunction(FUNCTION, env).awaitAnswering("/", Duration.ofSeconds(60));
    for (String subscription : List.of(ROUTINE, URGENT)) {
      pubsub.pushTo(project, subscription, function.baseUrl() + "/");
    }
  }

  @AfterAll
  static void stop() {
    if (function != null) {
      function.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static Imitation shopify() {
    return sandbox.imitation("shopify");
  }

  @Test
  void aPublishedAvailabilityChangeReachesShopify() throws Exception {
    shopify().inventory().set("PUSH-OK", 0);
    long callsBefore = shopify().requests();

    publish(availability("PUSH-OK", 12));

    await(() -> shopify().inventory().get("PUSH-OK").equals(12), "Shopify's quantity set to 12");
    assertThat(shopify().requests()).isGreaterThan(callsBefore);
  }

  @Test
  void aMessageThatIsNoEventIsParkedOnItsSubscriptionsDeadLetterTopic() throws Exception {
    pubsub.publish(
        project,
        "availability",
        "not an event".getBytes(StandardCharsets.UTF_8),
        Map.of(EventRouting.URGENCY, EventRouting.ROUTINE),
        null);

    List<PubSubRest.ReceivedMessage> parked = awaitParked(ROUTINE);

    assertThat(new String(parked.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(parked.get(0).attributes())
        .containsEntry("storewire-parked-from", ROUTINE)
        .containsEntry("storewire-parked-vendor", "shopify");
  }

  @Test
  void anOutageOutlastingEveryAttemptIsDeadLetteredByPubSub() throws Exception {
    shopify().inventory().set("PUSH-DOWN", 9);
    shopify().faults().add(Faults.Kind.SERVER_ERROR, 0, Duration.ofSeconds(60), 1.0, 0);
    Event urgent = availability("PUSH-DOWN", 2);
    try {
      publish(urgent);

      List<PubSubRest.ReceivedMessage> parked = awaitParked(URGENT);

      assertThat(EventJson.decode(parked.get(0).data()).getId()).isEqualTo(urgent.getId());
      assertThat(parked.get(0).attributes())
          .as("dead-lettered by Pub/Sub after the catalog's attempts, not parked by the function")
          .containsEntry(
              "CloudPubSubDeadLetterSourceDeliveryCount",
              Integer.toString(
                  Catalog.storewire().subscription(URGENT).orElseThrow().maxDeliveryAttempts()))
          .doesNotContainKey("storewire-parked-from");
      assertThat(shopify().inventory().get("PUSH-DOWN")).isEqualTo(9);
    } finally {
      shopify().faults().clear();
    }
  }

  private static Event availability(String sku, int sellable) {
    return EventBuilder.of(
            AvailabilityChanged.newBuilder()
                .setSku(sku)
                .setChannel("shopify")
                .setOnHand(sellable)
                .setReserved(0)
                .setSafetyStock(0)
                .setChannelBuffer(0)
                .setSellable(sellable)
                .setStockVersion(1)
                .build())
        .source("//storewire/order-intake")
        .build();
  }

  /** As order-intake publishes it: the event's JSON with its routing attributes. */
  private static void publish(Event event) {
    pubsub.publish(
        project,
        new EventRouting(Catalog.storewire()).topicOf(event).name(),
        EventJson.encode(event),
        EventRouting.attributes(event),
        null);
  }

  private List<PubSubRest.ReceivedMessage> awaitParked(String subscription)
      throws InterruptedException {
    List<PubSubRest.ReceivedMessage> parked = new ArrayList<>();
    String parkedSubscription =
        Catalog.storewire().subscription(subscription).orElseThrow().parkedSubscription();
    await(
        () -> parked.addAll(pubsub.pull(project, parkedSubscription, 10)) || !parked.isEmpty(),
        "a message on " + parkedSubscription);
    assertThat(parked).hasSize(1);
    return parked;
  }

  /** Polls until {@code done}; the function's log tells what went wrong when it never is. */
  private static void await(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as("%s by now; see %s", what, function.log()).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
