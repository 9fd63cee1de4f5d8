package com.storewire.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import com.storewire.deployment.EnvValue;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The deployment description (canonical-events' {@link Deployment}, which terraform and the local
 * stack run) gives each of order-intake's two deployables exactly what its deployment reads: every
 * variable {@link DeploymentVariable} says that deployment cannot start without, nothing that
 * deployment does not read, each secret from Secret Manager and nothing else from there, and the
 * right {@code STOREWIRE_ROUTES}. A variable added to one side only fails here.
 */
class DescribedDeploymentsTest {

  private static final Deployment STOREWIRE = Deployment.storewire();

  /** The description's deployable of each deployment. */
  private static final Map<Routes, String> DEPLOYABLE =
      Map.of(
          Routes.PUBLIC, Deployment.ORDER_INTAKE_PUBLIC, Routes.PRIVATE, Deployment.ORDER_INTAKE);

  @Test
  void eachDeployableSuppliesExactlyWhatItsDeploymentReads() {
    List<String> findings = new ArrayList<>();
    for (Routes routes : Routes.values()) {
      String name = DEPLOYABLE.get(routes);
      findings(routes, STOREWIRE.deployable(name)).forEach(f -> findings.add(name + ": " + f));
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void bothAreTheOneImageUnderOneIdentityAndOnlyThePublicOneIsPublic() {
    Deployable open = STOREWIRE.deployable(Deployment.ORDER_INTAKE_PUBLIC);
    Deployable closed = STOREWIRE.deployable(Deployment.ORDER_INTAKE);

    assertThat(open.entryPoint()).isEqualTo(closed.entryPoint()).isEqualTo("order-intake");
    assertThat(open.identity()).isEqualTo(closed.identity());
    assertThat(open.access().isPublic()).isTrue();
    assertThat(open.pushes()).as("nothing pushes to the public deployment").isEmpty();
    assertThat(closed.access().isPublic()).isFalse();
    assertThat(closed.access().invokers())
        .containsExactlyInAnyOrder(
            Deployment.PUSH_IDENTITY, Deployment.RECONCILIATION, Deployable.Access.OPERATORS);
    // The outbox relay runs in both (one at a time, under the Firestore lease), the sweeper in the
    // private one only.
    assertThat(open.env().get("STOREWIRE_RELAY_ENABLED")).isEqualTo(new EnvValue.Fixed("true"));
    assertThat(closed.env().get("STOREWIRE_RELAY_ENABLED")).isEqualTo(new EnvValue.Fixed("true"));
    assertThat(open.env().get("STOREWIRE_SWEEPER_ENABLED")).isEqualTo(new EnvValue.Fixed("false"));
    assertThat(closed.env().get("STOREWIRE_SWEEPER_ENABLED")).isEqualTo(new EnvValue.Fixed("true"));
    // The push check's audience is the private service's own URL, which Pub/Sub pushes to.
    assertThat(closed.env().get(DeploymentVariable.STOREWIRE_PUSH_OIDC_AUDIENCE.name()))
        .isEqualTo(new EnvValue.Platform(Deployment.Platform.url(Deployment.ORDER_INTAKE)));
  }

  @Test
  void eachDeploymentStartsWithWhatTheDescriptionGivesIt() {
    for (Routes routes : Routes.values()) {
      Deployable deployable = STOREWIRE.deployable(DEPLOYABLE.get(routes));
      try (ApplicationContext context = start(deployable)) {
        assertThat(context.getBean(ServedRoutes.class).routes()).isEqualTo(routes);
      }
    }
  }

  /** The check itself finds each kind of disagreement. */
  @Test
  void aMissingRequiredVariableAnUnreadOneOrASecretGivenPlainIsFound() {
    Deployable open = STOREWIRE.deployable(Deployment.ORDER_INTAKE_PUBLIC);
    Deployable closed = STOREWIRE.deployable(Deployment.ORDER_INTAKE);

    List<String> withoutKeys = new ArrayList<>(open.secrets());
    withoutKeys.remove("STOREWIRE_STOREFRONT_API_KEYS");
    assertThat(findings(Routes.PUBLIC, with(open, open.env(), withoutKeys)))
        .containsExactly(
            "STOREWIRE_STOREFRONT_API_KEYS: the public deployment cannot start without it");

    List<String> withRecovery = new ArrayList<>(open.secrets());
    withRecovery.add("STOREWIRE_RECOVERY_SECRET");
    assertThat(findings(Routes.PUBLIC, with(open, open.env(), withRecovery)))
        .containsExactly("STOREWIRE_RECOVERY_SECRET: the public deployment does not read it");

    Map<String, EnvValue> unknown = new TreeMap<>(closed.env());
    unknown.put("STOREWIRE_NOT_READ", new EnvValue.Fixed("x"));
    assertThat(findings(Routes.PRIVATE, with(closed, unknown, closed.secrets())))
        .containsExactly("STOREWIRE_NOT_READ: order-intake reads no such variable");

    Map<String, EnvValue> plain = new TreeMap<>(closed.env());
    plain.put("STOREWIRE_RECOVERY_SECRET", new EnvValue.Fixed("r"));
    assertThat(findings(Routes.PRIVATE, with(closed, plain, List.of())))
        .containsExactly("STOREWIRE_RECOVERY_SECRET: a secret, given as a plain value");

    Map<String, EnvValue> wrongRoutes = new TreeMap<>(closed.env());
    wrongRoutes.put("STOREWIRE_ROUTES", new EnvValue.Fixed("public"));
    assertThat(findings(Routes.PRIVATE, with(closed, wrongRoutes, closed.secrets())))
        .containsExactly("STOREWIRE_ROUTES: Fixed[value=public], not the fixed value private");
  }

  /** Every way {@code deployable} disagrees with what a deployment serving {@code routes} reads. */
  private static List<String> findings(Routes routes, Deployable deployable) {
    List<String> findings = new ArrayList<>();
    Set<String> given = deployable.variables();
    EnvValue pushCheck =
        deployable.env().get(DeploymentVariable.STOREWIRE_PUSH_OIDC_ENABLED.name());
    boolean pushOidc = !(pushCheck instanceof EnvValue.Fixed f && "false".equals(f.value()));
    for (DeploymentVariable variable : DeploymentVariable.values()) {
      if (variable.requiredBy(routes, pushOidc) && !given.contains(variable.name())) {
        findings.add(
            variable.name() + ": the " + routes.setting() + " deployment cannot start without it");
      }
    }
    for (String name : new TreeSet<>(given)) {
      DeploymentVariable variable;
      try {
        variable = DeploymentVariable.valueOf(name);
      } catch (IllegalArgumentException e) {
        findings.add(name + ": order-intake reads no such variable");
        continue;
      }
      if (variable == DeploymentVariable.PORT) {
        findings.add(name + ": Cloud Run sets it itself, and refuses it as a variable");
      } else if (!variable.readBy(routes)) {
        findings.add(name + ": the " + routes.setting() + " deployment does not read it");
      } else if (variable.secret() && !deployable.secrets().contains(name)) {
        findings.add(name + ": a secret, given as a plain value");
      } else if (!variable.secret() && deployable.secrets().contains(name)) {
        findings.add(name + ": not a secret, read from Secret Manager");
      }
    }
    EnvValue setting = deployable.env().get(DeploymentVariable.STOREWIRE_ROUTES.name());
    if (setting != null && !new EnvValue.Fixed(routes.setting()).equals(setting)) {
      findings.add("STOREWIRE_ROUTES: " + setting + ", not the fixed value " + routes.setting());
    }
    return findings;
  }

  /**
   * The deployment as terraform would start it: each described variable with a value of its kind
   * (fixed values as they are; a storefront key long enough), bound to its property as
   * application.yml binds it. Only the outbox relay and the expiry sweeper are held back: they
   * would need Firestore, and whether each runs is the description's fixed value, checked above.
   */
  private static ApplicationContext start(Deployable deployable) {
    Map<String, Object> properties = new HashMap<>();
    for (String name : deployable.variables()) {
      if (Arrays.stream(DeploymentVariable.values()).noneMatch(v -> v.name().equals(name))) {
        continue; // reported by eachDeployableSuppliesExactlyWhatItsDeploymentReads
      }
      EnvValue value = deployable.env().get(name);
      properties.put(
          DeploymentVariable.valueOf(name).property(),
          value instanceof EnvValue.Fixed fixed
              ? fixed.value()
              : name.toLowerCase(Locale.ROOT) + "-value");
    }
    properties.put(DeploymentVariable.STOREWIRE_RELAY_ENABLED.property(), "false");
    properties.put(DeploymentVariable.STOREWIRE_SWEEPER_ENABLED.property(), "false");
    properties.put(DeploymentVariable.STOREWIRE_METRICS_EXPORT.property(), "false");
    return ApplicationContext.builder()
        .environmentPropertySource(false)
        .environments("test")
        .properties(properties)
        .start();
  }

  private static Deployable with(Deployable d, Map<String, EnvValue> env, List<String> secrets) {
    return new Deployable(
        d.name(),
        d.kind(),
        d.component(),
        d.entryPoint(),
        d.identity(),
        d.pushes(),
        env,
        secrets,
        d.scaling(),
        d.access());
  }
}
