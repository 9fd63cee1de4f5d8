package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment the connector functions get on this machine: the same variables a deployment sets
 * from Secret Manager, pointing at the vendor sandbox and the emulators instead (Pub/Sub for their
 * events, Firestore for the refresh token Shopify rotates). Only base URLs and credentials differ
 * from production.
 */
public final class LocalConnectors {

  private LocalConnectors() {}

  public static Map<String, String> env(
      Emulators emulators, String project, SandboxServer sandbox) {
    Map<String, String> env =
        new HashMap<>(VendorSandbox.connectorSettings(sandbox, VendorSandbox.Credentials.local()));
    env.put("GOOGLE_CLOUD_PROJECT", project);
    env.put("PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort());
    env.put("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort());
    return env;
  }
}
