package com.storewire.localstack;

import com.storewire.emulators.Emulators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * order-intake as its own JVM, configured as Cloud Run would configure it but pointed at the
 * emulators. Closing it stops the process.
 */
final class OrderIntakeProcess implements AutoCloseable {

  /**
   * Webhook secrets of the local stack; the vendor sandbox signs with the same ones, and the
   * reconciliation job signs the orders it recovers with {@code STOREWIRE_RECOVERY_SECRET}. eBay's
   * keys are fetched with an application token minted with the sandbox's eBay keyset, and eBay's
   * endpoint check is answered for the process's own URL ({@code {port}} is its port).
   */
  static final Map<String, String> LOCAL_SECRETS =
      Map.of(
          "SHOPIFY_WEBHOOK_SECRET", "local-shopify-secret",
          "WOOCOMMERCE_WEBHOOK_SECRET", "local-woocommerce-secret",
          "AMAZON_EVENTBRIDGE_API_KEY", "local-amazon-key",
          "STOREWIRE_RECOVERY_SECRET", "local-recovery-secret",
          "EBAY_CLIENT_ID", "Storewire-app-PRD",
          "EBAY_CLIENT_SECRET", "local-ebay-secret",
          "EBAY_VERIFICATION_TOKEN", "local-ebay-verification-token-0123456789",
          "STOREWIRE_WEBHOOKS_EBAY_ENDPOINT",
              "http://127.0.0.1:{port}/v1/webhooks/ebay/notifications");

  private final JavaProcess process;

  private OrderIntakeProcess(JavaProcess process) {
    this.process = process;
  }

  static OrderIntakeProcess start(
      Path home,
      Emulators emulators,
      String project,
      Map<String, String> extraEnv,
      Path logDirectory) {
    Path jar = home.resolve("order-intake/target/order-intake.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./storewire, which builds it");
    }
    Map<String, String> env = new HashMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", project);
    env.put("FIRESTORE_EMULATOR_HOST", emulators.firestore().hostPort());
    env.put("PUBSUB_EMULATOR_HOST", emulators.pubsub().hostPort());
    // The emulator signs no push requests; in Google Cloud the OIDC check stays on.
    env.put("STOREWIRE_PUSH_OIDC_ENABLED", "false");
    // Local meters stay local even when the shell that starts the stack has the export on.
    env.put("STOREWIRE_METRICS_EXPORT", "false");
    env.putAll(LOCAL_SECRETS);
    env.putAll(extraEnv);
    JavaProcess process =
        JavaProcess.start(
            "order-intake", List.of("-Xmx1g", "-jar", jar.toString()), env, logDirectory);
    return new OrderIntakeProcess(process.awaitAnswering("/health", Duration.ofSeconds(60)));
  }

  String baseUrl() {
    return process.baseUrl();
  }

  @Override
  public void close() {
    process.close();
  }
}
