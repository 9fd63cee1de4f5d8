package com.storewire.connectors;

import com.storewire.catalog.Catalog;
import com.storewire.emulators.CatalogProvisioner;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.TestProject;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A function under test meets a fresh vendor sandbox and an emulator project with the catalog
 * provisioned, and is configured as the Functions runtime would configure it.
 */
abstract class SandboxedFunctionTest {

  static final VendorSandbox.Credentials CREDENTIALS = VendorSandbox.Credentials.local();

  SandboxServer sandbox;

  @BeforeEach
  void startSandbox() {
    sandbox = VendorSandbox.start(0, 7, CREDENTIALS, sandboxClock());
  }

  /** The clock the vendors' tokens expire by. */
  Clock sandboxClock() {
    return Clock.systemUTC();
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  /**
   * Provisions the catalog in the project and returns the function's environment: the sandbox's
   * connector settings, then {@code overrides}.
   */
  Map<String, String> env(Emulators emulators, TestProject project, Map<String, String> overrides) {
    new CatalogProvisioner(new PubSubRest(emulators.pubsub().hostPort()), project.id())
        .withBackoffDivisor(100)
        .provision(Catalog.storewire());
    Map<String, String> env = new HashMap<>(VendorSandbox.connectorSettings(sandbox, CREDENTIALS));
    env.put("GOOGLE_CLOUD_PROJECT", project.id());
    env.put("PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort());
    env.put("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort());
    env.put("STOREWIRE_FIRST_BACKOFF_MS", "20");
    // Amazon's feed window is a minute in production (5 feeds per 5 minutes); tests need no wait.
    env.put("AMAZON_FEED_WINDOW_MS", "200");
    env.putAll(overrides);
    return env;
  }

  /** Waits up to 10 s for at least one message on the subscription; empty if none comes. */
  static List<PubSubRest.ReceivedMessage> pull(
      Emulators emulators, TestProject project, String subscription) {
    return pull(emulators, project, subscription, 1);
  }

  /**
   * Waits up to 10 s for {@code atLeast} messages on the subscription; fewer if they don't come.
   */
  static List<PubSubRest.ReceivedMessage> pull(
      Emulators emulators, TestProject project, String subscription, int atLeast) {
    PubSubRest pubsub = new PubSubRest(emulators.pubsub().hostPort());
    List<PubSubRest.ReceivedMessage> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    do {
      received.addAll(pubsub.pull(project.id(), subscription, 10));
    } while (received.size() < atLeast && Instant.now().isBefore(deadline));
    return received;
  }
}
