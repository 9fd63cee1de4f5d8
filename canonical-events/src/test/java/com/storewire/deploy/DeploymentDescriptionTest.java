package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployable.Access;
import com.storewire.deployment.Deployment;
import com.storewire.deployment.EnvValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment description against what terraform can resolve: every account it names exists,
 * every platform fact it names is one terraform computes, every setting it names is in each
 * environment's tfvars, and only the deployables that must be public are.
 */
class DeploymentDescriptionTest {

  private static final Deployment DEPLOYMENT = Deployment.storewire();

  static List<String> environments() {
    return Terraform.ENVIRONMENTS;
  }

  @Test
  void everyAccountTheDescriptionNamesIsAServiceAccountTerraformCreates() {
    Set<String> accounts =
        Terraform.map(
                Terraform.parseDirectory(Terraform.module("platform")),
                "module",
                "service_accounts",
                "accounts")
            .keySet();
    Set<String> named = new TreeSet<>();
    for (Deployable d : DEPLOYMENT.deployables()) {
      named.add(d.identity());
      d.access().invokers().stream().filter(i -> !i.equals(Access.OPERATORS)).forEach(named::add);
    }
    assertThat(accounts).containsAll(named);
  }

  @Test
  void everyPlatformFactTheDescriptionNamesIsOneTerraformComputes() {
    String deployables = Terraform.text(Terraform.module("platform").resolve("deployables.tf"));
    Pattern fixedKeys = Pattern.compile("(?m)^\\s+([a-z_]+)\\s+= ");
    Matcher platformValues = Pattern.compile("(?s)platform_facts = \\{(.*?)}").matcher(deployables);
    assertThat(platformValues.find()).as("platform_facts in deployables.tf").isTrue();
    Set<String> fixed = new TreeSet<>();
    Matcher keys = fixedKeys.matcher(platformValues.group(1));
    while (keys.find()) {
      fixed.add(keys.group(1));
    }
    assertThat(deployables)
        .contains("for name, url in local.service_urls : format(\"url:%s\", name) => url")
        .contains("for account, email in local.sa : format(\"identity:%s\", account) => email")
        .contains(
            "platform_values     = merge(local.platform_facts, local.platform_urls,"
                + " local.platform_identities)");
    Set<String> services =
        DEPLOYMENT.deployables(Deployable.Kind.SERVICE).stream()
            .map(Deployable::name)
            .collect(Collectors.toSet());
    for (Deployable d : DEPLOYMENT.deployables()) {
      d.env()
          .forEach(
              (variable, value) -> {
                if (value instanceof EnvValue.Platform platform) {
                  String key = platform.key();
                  boolean resolved =
                      fixed.contains(key)
                          || (key.startsWith("url:") && services.contains(key.substring(4)))
                          || key.startsWith("identity:");
                  assertThat(resolved).as("%s's %s (%s)", d.name(), variable, key).isTrue();
                }
              });
    }
  }

  @ParameterizedTest
  @MethodSource("environments")
  @SuppressWarnings("unchecked")
  void everySettingADeployableReadsIsInEachEnvironmentsTfvars(String env) {
    Map<String, Object> tfvars =
        Terraform.parse(Terraform.environment(env).resolve("terraform.tfvars"));
    Set<String> given = ((Map<String, Object>) tfvars.get("connector_settings")).keySet();
    Set<String> read = new TreeSet<>();
    for (Deployable d : DEPLOYMENT.deployables()) {
      d.env()
          .forEach(
              (variable, value) -> {
                if (value instanceof EnvValue.Setting setting && !setting.optional()) {
                  read.add(variable);
                }
              });
    }
    assertThat(read).isNotEmpty();
    assertThat(given).as("%s connector_settings", env).containsAll(read);
    assertThat(Terraform.text(Terraform.module("platform").resolve("deployables.tf")))
        .as("a missing setting stops the plan")
        .contains("condition     = length(local.missing_settings) == 0");
  }

  /**
   * An optional setting (Shopify's location) is never one terraform refuses a plan without, and an
   * environment that does not give it leaves it out of the deployable's environment rather than
   * setting it empty.
   */
  @Test
  void anOptionalSettingIsLeftOutWhereTheEnvironmentDoesNotGiveIt() {
    for (String deployable : List.of("shopify-stock", Deployment.RECONCILIATION)) {
      assertThat(DEPLOYMENT.deployable(deployable).env())
          .as(deployable)
          .containsEntry("SHOPIFY_LOCATION_ID", new EnvValue.Setting(true))
          .containsEntry("SHOPIFY_BASE_URL", new EnvValue.Setting(false));
    }
    String deployables = Terraform.text(Terraform.module("platform").resolve("deployables.tf"));
    assertThat(deployables)
        .as("only required settings are missing ones")
        .contains("v.value if v.source == \"setting\" && !contains(keys(var.connector_settings)")
        .as("an optional setting not given is left out")
        .contains(
            "if v.source != \"optional_setting\" || contains(keys(var.connector_settings),"
                + " v.value)");
  }

  @Test
  void onlyOrderIntakesPublicRoutesAndTheWebhookFunctionVendorsCallArePublic() {
    assertThat(
            DEPLOYMENT.deployables().stream()
                .filter(d -> d.access().isPublic())
                .map(Deployable::name))
        .containsExactly(Deployment.ORDER_INTAKE_PUBLIC, "vendor-webhook");
    // Whatever a subscription pushes to is private, and the push identity may call it.
    for (Deployable d : DEPLOYMENT.deployables()) {
      if (!d.pushes().isEmpty()) {
        assertThat(d.access().isPublic()).as(d.name()).isFalse();
        assertThat(d.access().invokers()).as(d.name()).contains(Deployment.PUSH_IDENTITY);
      }
    }
  }

  @Test
  void everyPushSubscriptionReachesExactlyOneDeployableOfItsComponent() {
    for (SubscriptionSpec s : Catalog.storewire().subscriptions()) {
      if (s.delivery() == Component.Delivery.PUSH) {
        assertThat(DEPLOYMENT.pushedTo(s.name()))
            .as(s.name())
            .hasValueSatisfying(d -> assertThat(d.component()).isEqualTo(s.consumer()));
      } else {
        assertThat(DEPLOYMENT.pushedTo(s.name())).as(s.name()).isEmpty();
      }
    }
  }

  @Test
  void secretsAreReadOnlyByTheAccountsOfTheirDeployables() {
    Map<String, Set<String>> readers = DEPLOYMENT.secretReaders();
    assertThat(readers.get("STOREWIRE_RECOVERY_SECRET"))
        .containsExactlyInAnyOrder("order-intake", "reconciliation");
    assertThat(readers.get("STOREWIRE_STOREFRONT_API_KEYS")).containsExactly("order-intake");
    assertThat(readers.get("SHOPIFY_REFRESH_TOKEN")).containsExactly("connectors");
    assertThat(readers.get("SHOPIFY_RECONCILIATION_REFRESH_TOKEN"))
        .containsExactly("reconciliation");
    assertThat(readers.get("EBAY_CLIENT_SECRET"))
        .as("eBay's keyset: the connectors, the job, and order-intake for getPublicKey")
        .containsExactlyInAnyOrder("connectors", "order-intake", "reconciliation");
    assertThat(readers.get("EBAY_VERIFICATION_TOKEN")).containsExactly("order-intake");
    assertThat(Deployment.secretId("SHOPIFY_WEBHOOK_SECRET")).isEqualTo("shopify-webhook-secret");
    assertThat(Deployment.secretId("EBAY_VERIFICATION_TOKEN")).isEqualTo("ebay-verification-token");
  }
}
