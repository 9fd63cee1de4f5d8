package com.storewire.localstack.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.emulators.WithEmulators;
import com.storewire.localstack.stack.PushBridge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pushes reach a private service as Pub/Sub's do: with the push identity's ID token for the
 * service's URL. A push subscription without one is refused at the front, never reaching an
 * instance, and the bridge counts its deliveries as failed.
 */
@WithEmulators
class PushThroughTheFrontIT {

  private static final String PUSH = "pubsub-push@storewire-local.iam.gserviceaccount.com";

  @Test
  void onlyPushesCarryingThePushIdentitysTokenReachTheInstance(
      Emulators emulators, TestProject testProject) throws Exception {
    String project = testProject.id();
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    pubsub.createTopic(project, "orders");
    PubSubRest.SubscriptionSpec spec = new PubSubRest.SubscriptionSpec(10, false, null, 0, "");
    pubsub.createSubscription(project, "orders--signed", "orders", spec);
    pubsub.createSubscription(project, "orders--unsigned", "orders", spec);

    try (LocalGoogle google = LocalGoogle.start(project);
        FakeInstance instance = new FakeInstance("a");
        CloudRunFront front =
            CloudRunFront.start(
                "orders",
                Access.invokers(List.of("serviceAccount:" + PUSH)),
                List.of(instance.uri()),
                1,
                google);
        PushBridge bridge = new PushBridge(pubsub, project)) {
      CountDownLatch arrived = instance.hold(1);
      instance.release(1_000);
      bridge.route(
          "orders--signed", front.baseUrl() + "/", () -> google.idToken(PUSH, front.baseUrl()));
      bridge.route("orders--unsigned", front.baseUrl() + "/");

      pubsub.publish(project, "orders", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), null);

      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(front.awaitStats(stats -> stats.forbidden() >= 1, Duration.ofSeconds(30)))
          .isTrue();
      FakeInstance.Received push = instance.received().get(0);
      String token = push.headers().get("Authorization").get(0).substring("Bearer ".length());
      LocalGoogle.Caller caller = google.verify(token);
      assertThat(caller.email()).isEqualTo(PUSH);
      assertThat(caller.audience()).isEqualTo(front.baseUrl());
      assertThat(new String(push.body(), StandardCharsets.UTF_8)).contains("orders--signed");
      assertThat(instance.received())
          .allSatisfy(received -> assertThat(received.headers()).containsKey("Authorization"));
    }
  }
}
