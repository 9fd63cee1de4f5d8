package com.storewire.localstack;

import com.storewire.deployment.Deployment;
import com.storewire.emulators.Emulators;
import com.storewire.localstack.stack.LocalSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * order-intake as its own JVM, pointed at the emulators, with every route and without a front: the
 * benchmarks' service. The local stack runs it from the deployment description instead
 * (LocalServices#service). Closing it stops the process.
 */
final class OrderIntakeProcess implements AutoCloseable {

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
    LocalSecrets secrets = LocalSecrets.load();
    Deployment.storewire().deployables().stream()
        .filter(d -> d.name().startsWith(Deployment.ORDER_INTAKE))
        .flatMap(d -> d.secrets().stream()) // TEMP
        .forEach(name -> env.put(name, secrets.get(name)));
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
