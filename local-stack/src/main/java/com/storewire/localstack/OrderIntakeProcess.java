package com.storewire.localstack;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import com.storewire.emulators.Emulators;
import com.storewire.localstack.stack.LocalEnvironment;
import com.storewire.localstack.stack.LocalSecrets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * order-intake's two deployments (private and public) as JVMs of their own, pointed at the
 * emulators, with the environment the deployment description gives each, and without fronts: the
 * benchmarks' service. The only local change is that the private one does not check push tokens
 * (the benchmarks push without an identity stand-in). The local stack runs them behind Cloud Run
 * fronts instead ({@code LocalStack}). Closing it stops both.
 */
final class OrderIntakeProcess implements AutoCloseable {

  /** What the public deployment's eBay settings are locally: nothing here talks to eBay. */
  private static final Map<String, String> SETTINGS =
      Map.of(
          "EBAY_BASE_URL",
          "http://127.0.0.1:9",
          "EBAY_CLIENT_ID",
          "Storewire-app-PRD",
          Deployment.EBAY_ENDPOINT,
          "http://127.0.0.1:{port}/v1/webhooks/ebay/notifications");

  private final JavaProcess privateProcess;
  private final JavaProcess publicProcess;
  private final String storefrontKey;

  private OrderIntakeProcess(
      JavaProcess privateProcess, JavaProcess publicProcess, String storefrontKey) {
    this.privateProcess = privateProcess;
    this.publicProcess = publicProcess;
    this.storefrontKey = storefrontKey;
  }

  static OrderIntakeProcess start(
      Emulators emulators, String project, Map<String, String> extraEnv) {
    LocalSecrets secrets = LocalSecrets.load();
    Map<String, String> settings = new TreeMap<>(SETTINGS);
    settings.putAll(extraEnv);
    LocalEnvironment environment =
        new LocalEnvironment(
            project,
            settings,
            secrets,
            Map.of(
                "PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort(),
                "FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort()),
            email -> Map.of(),
            "http://127.0.0.1:9/no-certs");
    Deployment deployment = Deployment.storewire();
    for (String name : List.of(Deployment.ORDER_INTAKE, Deployment.ORDER_INTAKE_PUBLIC)) {
      environment.answersAt(name, "http://127.0.0.1:{port}");
    }
    Deployable privateOne = deployment.deployable(Deployment.ORDER_INTAKE);
    Map<String, String> privateEnv = new TreeMap<>(environment.of(privateOne));
    privateEnv.put("STOREWIRE_PUSH_OIDC_ENABLED", "false");
    privateEnv.putAll(extraEnv);
    Map<String, String> publicEnv =
        new TreeMap<>(environment.of(deployment.deployable(Deployment.ORDER_INTAKE_PUBLIC)));
    publicEnv.putAll(extraEnv);
    JavaProcess privateProcess = LocalServices.service(privateOne, privateEnv);
    try {
      JavaProcess publicProcess =
          LocalServices.service(deployment.deployable(Deployment.ORDER_INTAKE_PUBLIC), publicEnv);
      return new OrderIntakeProcess(
          privateProcess,
          publicProcess,
          secrets.get("STOREWIRE_STOREFRONT_API_KEYS").split(",")[0].trim());
    } catch (RuntimeException e) {
      privateProcess.close();
      throw e;
    }
  }

  /** The private deployment: pushes, SKU settings, listings, recovered orders. */
  String baseUrl() {
    return privateProcess.baseUrl();
  }

  /** The public deployment: the storefront's routes and the marketplaces' webhooks. */
  String publicUrl() {
    return publicProcess.baseUrl();
  }

  String storefrontKey() {
    return storefrontKey;
  }

  @Override
  public void close() {
    publicProcess.close();
    privateProcess.close();
  }
}
