package com.storewire.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each deployment starts with exactly what it reads and refuses to start without what it needs,
 * naming every missing variable, instead of failing its first request.
 */
class ServedRoutesTest {

  private static final Map<String, String> PUBLIC_NEEDS =
      Map.of(
          "storewire.storefront.api-keys", "storefront-key-0001",
          "storewire.webhooks.shopify.secret", "s",
          "storewire.webhooks.woocommerce.secret", "w",
          "storewire.webhooks.amazon.api-key", "a",
          "storewire.webhooks.ebay.client-id", "Storewire-app-PRD",
          "storewire.webhooks.ebay.client-secret", "e",
          "storewire.webhooks.ebay.verification-token", "verification-token-0123456789-abcdef",
          "storewire.webhooks.ebay.endpoint",
              "https://intake.example/v1/webhooks/ebay/notifications");

  private static final Map<String, String> PRIVATE_NEEDS =
      Map.of(
          "storewire.webhooks.recovery.secret", "r",
          "storewire.push.oidc.audience", "https://order-intake-1.europe-west1.run.app",
          "storewire.push.oidc.service-account", "push@p.iam.gserviceaccount.com");

  /** As main starts it: only application.yml's placeholders read the environment. */
  private static ApplicationContext start(String routes, Map<String, String> given) {
    Map<String, Object> properties = new HashMap<>(given);
    if (routes != null) {
      properties.put("storewire.routes", routes);
    }
    // No background work: nothing here needs Firestore or Pub/Sub.
    properties.put("storewire.relay.enabled", "false");
    properties.put("storewire.sweeper.enabled", "false");
    return ApplicationContext.builder()
        .environmentPropertySource(false)
        .environments("test")
        .properties(properties)
        .start();
  }

  @Test
  void withoutTheRoutesSettingNoDeploymentStarts() {
    Map<String, String> everything = new HashMap<>(PUBLIC_NEEDS);
    everything.putAll(PRIVATE_NEEDS);

    assertThatThrownBy(() -> start(null, everything))
        .hasMessageContaining("STOREWIRE_ROUTES (storewire.routes) is not set");
    assertThatThrownBy(() -> start("Public", everything))
        .hasMessageContaining(
            "STOREWIRE_ROUTES (storewire.routes) is 'Public', not public or private");
  }

  @Test
  void thePublicOneNeedsTheStorefrontKeysAndTheMarketplacesSecretsOnly() {
    assertThatThrownBy(() -> start("public", Map.of()))
        .hasMessageContaining("cannot start as the public deployment (STOREWIRE_ROUTES=public)")
        .hasMessageContaining("STOREWIRE_STOREFRONT_API_KEYS (storewire.storefront.api-keys)")
        .hasMessageContaining("SHOPIFY_WEBHOOK_SECRET (storewire.webhooks.shopify.secret)")
        .hasMessageContaining("WOOCOMMERCE_WEBHOOK_SECRET (storewire.webhooks.woocommerce.secret)")
        .hasMessageContaining("AMAZON_EVENTBRIDGE_API_KEY (storewire.webhooks.amazon.api-key)")
        .hasMessageContaining(
            "EBAY_VERIFICATION_TOKEN (storewire.webhooks.ebay.verification-token)")
        .hasMessageContaining("STOREWIRE_WEBHOOKS_EBAY_ENDPOINT (storewire.webhooks.ebay.endpoint)")
        .message()
        .doesNotContain("STOREWIRE_RECOVERY_SECRET")
        .doesNotContain("OIDC");

    try (ApplicationContext context = start("public", PUBLIC_NEEDS)) {
      assertThat(context.getBean(ServedRoutes.class).routes()).isEqualTo(Routes.PUBLIC);
      assertThat(context.getBean(ServedRoutes.class).storefrontKeys().size()).isEqualTo(1);
    }
  }

  @Test
  void thePrivateOneNeedsTheRecoverySecretAndThePushCheckOnly() {
    assertThatThrownBy(() -> start("private", Map.of()))
        .hasMessageContaining("cannot start as the private deployment (STOREWIRE_ROUTES=private)")
        .hasMessageContaining("STOREWIRE_RECOVERY_SECRET (storewire.webhooks.recovery.secret)")
        .hasMessageContaining("STOREWIRE_PUSH_OIDC_AUDIENCE (storewire.push.oidc.audience)")
        .hasMessageContaining(
            "STOREWIRE_PUSH_OIDC_SERVICE_ACCOUNT (storewire.push.oidc.service-account)")
        .message()
        .doesNotContain("STOREFRONT")
        .doesNotContain("SHOPIFY")
        .doesNotContain("AMAZON");

    try (ApplicationContext context = start("private", PRIVATE_NEEDS)) {
      assertThat(context.getBean(ServedRoutes.class).routes()).isEqualTo(Routes.PRIVATE);
      assertThat(context.getBean(ServedRoutes.class).storefrontKeys()).isNull();
    }
    // With the push check off, its audience and account are not needed.
    try (ApplicationContext context =
        start(
            "private",
            Map.of(
                "storewire.webhooks.recovery.secret",
                "r",
                "storewire.push.oidc.enabled",
                "false"))) {
      assertThat(context.getBean(ServedRoutes.class).isPublic()).isFalse();
    }
  }

  @Test
  void aBlankOrShortStorefrontKeyIsRefusedWithoutShowingIt() {
    Map<String, String> blank = new HashMap<>(PUBLIC_NEEDS);
    blank.put("storewire.storefront.api-keys", " , ");
    Map<String, String> shortKey = new HashMap<>(PUBLIC_NEEDS);
    shortKey.put("storewire.storefront.api-keys", "storefront-key-0001,tooshort");

    assertThatThrownBy(() -> start("public", blank))
        .hasMessageContaining("STOREWIRE_STOREFRONT_API_KEYS: no key given");
    assertThatThrownBy(() -> start("public", shortKey))
        .hasMessageContaining("STOREWIRE_STOREFRONT_API_KEYS: key 2 is shorter than 16 characters")
        .message()
        .doesNotContain("tooshort");
  }
}
