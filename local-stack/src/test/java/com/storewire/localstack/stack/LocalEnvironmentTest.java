package com.storewire.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The local stack resolves the same description terraform does, and adds nothing but plumbing. */
class LocalEnvironmentTest {

  private static final Deployment DEPLOYMENT = Deployment.storewire();
  private static final LocalSecrets SECRETS = LocalSecrets.load();

  private static LocalEnvironment environment() {
    Map<String, String> settings = new HashMap<>();
    DEPLOYMENT.deployables().forEach(d -> d.env().keySet().forEach(v -> settings.put(v, "s-" + v)));
    LocalEnvironment environment =
        new LocalEnvironment(
            "p",
            settings,
            SECRETS,
            Map.of("PUBSUB_EMULATOR_HOST", "127.0.0.1:1", "FIRESTORE_EMULATOR_HOST", "127.0.0.1:2"),
            email -> Map.of("GCE_METADATA_HOST", "meta-of-" + email),
            "http://127.0.0.1:3/oauth2/v3/certs");
    DEPLOYMENT.deployables().forEach(d -> environment.answersAt(d.name(), "http://" + d.name()));
    return environment;
  }

  @Test
  void theSecretsFileHoldsExactlyTheSecretsTheDescriptionNames() {
    assertThat(SECRETS.names()).isEqualTo(DEPLOYMENT.secretReaders().keySet());
  }

  /** A setting the sandbox has no value for would stop that deployable from starting locally. */
  @Test
  void theVendorSandboxHasAValueForEverySettingTheDescriptionNames() {
    try (var sandbox =
        com.storewire.sandbox.VendorSandbox.start(0, 1, SECRETS.sandboxCredentials())) {
      Set<String> settings = new TreeSet<>();
      DEPLOYMENT
          .deployables()
          .forEach(
              d ->
                  d.env()
                      .forEach(
                          (variable, value) -> {
                            if (value instanceof com.storewire.deployment.EnvValue.Setting s
                                && !s.optional()
                                && !LocalStack.STACK_SETTINGS.contains(variable)) {
                              settings.add(variable);
                            }
                          }));
      assertThat(
              com.storewire.sandbox.VendorSandbox.connectorSettings(
                      sandbox, SECRETS.sandboxCredentials())
                  .keySet())
          .containsAll(settings);
    }
  }

  @Test
  void everyProcessGetsExactlyItsDeployablesVariablesPlusPlumbing() {
    LocalEnvironment environment = environment();
    for (Deployable d : DEPLOYMENT.deployables()) {
      Map<String, String> env = environment.of(d);
      Set<String> extra = new TreeSet<>(env.keySet());
      extra.removeAll(d.variables());
      assertThat(env.keySet()).as(d.name()).containsAll(d.variables());
      assertThat(LocalEnvironment.PLUMBING).as("%s's extra variables", d.name()).containsAll(extra);
    }
  }

  @Test
  void platformFactsResolveToWhatTheLocalStackStarted() {
    LocalEnvironment environment = environment();
    Map<String, String> intake = environment.of(DEPLOYMENT.deployable(Deployment.ORDER_INTAKE));
    assertThat(intake)
        .containsEntry("GOOGLE_CLOUD_PROJECT", "p")
        .containsEntry("STOREWIRE_METRICS_EXPORT", "false")
        .containsEntry("STOREWIRE_PUSH_OIDC_AUDIENCE", "http://order-intake")
        .containsEntry(
            "STOREWIRE_PUSH_OIDC_SERVICE_ACCOUNT", "pubsub-push@p.iam.gserviceaccount.com")
        .containsEntry("STOREWIRE_RECOVERY_SECRET", SECRETS.get("STOREWIRE_RECOVERY_SECRET"))
        .containsEntry("GCE_METADATA_HOST", "meta-of-order-intake@p.iam.gserviceaccount.com");
    assertThat(environment.of(DEPLOYMENT.deployable(Deployment.RECONCILIATION)))
        .containsEntry("ORDER_INTAKE_URL", "http://order-intake");
    assertThat(environment.of(DEPLOYMENT.deployable("shopify-stock")))
        .containsEntry("SHOPIFY_BASE_URL", "s-SHOPIFY_BASE_URL")
        .doesNotContainKey("AMAZON_CLIENT_SECRET")
        .doesNotContainKey("STOREWIRE_RECOVERY_SECRET");
  }

  @Test
  void aSecretWithoutALocalValueIsNamed() {
    assertThatThrownBy(() -> SECRETS.get("NO_SUCH_SECRET"))
        .hasMessageContaining("NO_SUCH_SECRET")
        .hasMessageContaining("local-secrets.properties");
  }
}
