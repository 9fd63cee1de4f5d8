package com.storewire.intake.deployment;

import static com.storewire.intake.deployment.Routes.PRIVATE;
import static com.storewire.intake.deployment.Routes.PUBLIC;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every environment variable order-intake reads, each through one placeholder in application.yml
 * (the service reads no other: {@code OrderIntakeApplication} turns off Micronaut's mapping of
 * every variable onto properties). Which deployment reads it, whether that deployment refuses to
 * start without it ({@link ServedRoutes}), and whether it is a secret (Secret Manager, never a
 * plain env value). Terraform and the local stack run each deployment from canonical-events'
 * deployment description ({@code order-intake} and {@code order-intake-public}), which gives it
 * every variable it cannot start without and none it does not read ({@code
 * DescribedDeploymentsTest}); the rest keep their defaults there.
 */
public enum DeploymentVariable {
  PORT(
      "micronaut.server.port", both(), false, false, "HTTP port; Cloud Run sets it (default 8080)"),
  STOREWIRE_ROUTES(
      "storewire.routes",
      both(),
      true,
      false,
      "public (order-intake-public) or private (order-intake): which routes this deployment serves"),
  GOOGLE_CLOUD_PROJECT(
      "storewire.project-id",
      both(),
      false,
      false,
      "project of Firestore, Pub/Sub and Cloud Monitoring (default storewire-local)"),
  STOREWIRE_METRICS_EXPORT(
      "micronaut.metrics.export.stackdriver.enabled",
      both(),
      false,
      false,
      "true on Cloud Run: export the storewire.* meters to Cloud Monitoring (default false)"),
  STOREWIRE_RELAY_ENABLED(
      "storewire.relay.enabled",
      both(),
      false,
      false,
      "false turns this deployment's outbox relay off (default true; one instance relays at a time"
          + " across both deployments, under the Firestore lease)"),
  STOREWIRE_SWEEPER_ENABLED(
      "storewire.sweeper.enabled",
      both(),
      false,
      false,
      "false turns this deployment's expiry sweeper off (default true; the deployment"
          + " description runs it in the private deployment only)"),
  FIRESTORE_EMULATOR_HOST(
      "storewire.firestore-emulator-host",
      both(),
      false,
      false,
      "host:port of a Firestore emulator (local stack only; unset on Cloud Run)"),
  PUBSUB_EMULATOR_HOST(
      "storewire.pubsub-emulator-host",
      both(),
      false,
      false,
      "host:port of a Pub/Sub emulator (local stack only; unset on Cloud Run)"),
  STOREWIRE_STOREFRONT_API_KEYS(
      "storewire.storefront.api-keys",
      Set.of(PUBLIC),
      true,
      true,
      "the storefront's API keys, comma-separated, each at least 16 characters; any is accepted in"
          + " X-Storewire-Storefront-Key, so a key is rotated by adding the new one first"),
  SHOPIFY_WEBHOOK_SECRET(
      "storewire.webhooks.shopify.secret",
      Set.of(PUBLIC),
      true,
      true,
      "the Shopify app's client secret, which keys X-Shopify-Hmac-Sha256"),
  WOOCOMMERCE_WEBHOOK_SECRET(
      "storewire.webhooks.woocommerce.secret",
      Set.of(PUBLIC),
      true,
      true,
      "the WooCommerce webhook's secret, which keys X-WC-Webhook-Signature"),
  AMAZON_EVENTBRIDGE_API_KEY(
      "storewire.webhooks.amazon.api-key",
      Set.of(PUBLIC),
      true,
      true,
      "the API key the EventBridge API destination's connection sends in x-storewire-api-key"),
  EBAY_BASE_URL(
      "storewire.webhooks.ebay.public-key-url",
      Set.of(PUBLIC),
      false,
      false,
      "eBay's API host, the connectors' setting too: getPublicKey and the application token are"
          + " read there (https://api.ebay.com)"),
  EBAY_CLIENT_ID(
      "storewire.webhooks.ebay.client-id",
      Set.of(PUBLIC),
      true,
      false,
      "the eBay app's client id: getPublicKey takes an application token it mints"),
  EBAY_CLIENT_SECRET(
      "storewire.webhooks.ebay.client-secret",
      Set.of(PUBLIC),
      true,
      true,
      "the eBay app's client secret, for the application token"),
  EBAY_VERIFICATION_TOKEN(
      "storewire.webhooks.ebay.verification-token",
      Set.of(PUBLIC),
      true,
      true,
      "the verification token given to eBay's createDestination (32 to 80 of A-Z a-z 0-9 _ -)"),
  STOREWIRE_WEBHOOKS_EBAY_ENDPOINT(
      "storewire.webhooks.ebay.endpoint",
      Set.of(PUBLIC),
      true,
      false,
      "the notification endpoint's public URL exactly as eBay was given it"),
  STOREWIRE_PUBLIC_METRICS_ENDPOINT(
      "storewire.public-metrics-endpoint",
      Set.of(PUBLIC),
      false,
      false,
      "true serves /metrics on the public deployment too (local stack only; default false)"),
  STOREWIRE_RECOVERY_SECRET(
      "storewire.webhooks.recovery.secret",
      Set.of(PRIVATE),
      true,
      true,
      "keys X-Storewire-Recovery-Signature on the orders the reconciliation job recovers"),
  STOREWIRE_PUSH_OIDC_ENABLED(
      "storewire.push.oidc.enabled",
      Set.of(PRIVATE),
      false,
      false,
      "false stops checking Pub/Sub push OIDC tokens (default true)"),
  STOREWIRE_PUSH_OIDC_AUDIENCE(
      "storewire.push.oidc.audience",
      Set.of(PRIVATE),
      true,
      false,
      "the audience push tokens must carry (required unless STOREWIRE_PUSH_OIDC_ENABLED=false)"),
  STOREWIRE_PUSH_OIDC_SERVICE_ACCOUNT(
      "storewire.push.oidc.service-account",
      Set.of(PRIVATE),
      true,
      false,
      "the push identity's email push tokens must carry (required unless"
          + " STOREWIRE_PUSH_OIDC_ENABLED=false)"),
  STOREWIRE_PUSH_OIDC_CERTS_URL(
      "storewire.push.oidc.certs-url",
      Set.of(PRIVATE),
      false,
      false,
      "JWKS that signs push tokens (default Google's, https://www.googleapis.com/oauth2/v3/certs)");

  private final String property;
  private final Set<Routes> readBy;
  private final boolean required;
  private final boolean secret;
  private final String meaning;

  DeploymentVariable(
      String property, Set<Routes> readBy, boolean required, boolean secret, String meaning) {
    this.property = property;
    this.readBy = Set.copyOf(readBy);
    this.required = required;
    this.secret = secret;
    this.meaning = meaning;
  }

  private static Set<Routes> both() {
    return EnumSet.allOf(Routes.class);
  }

  /** The property application.yml binds this variable to. */
  public String property() {
    return property;
  }

  /** Whether a deployment serving these routes reads the variable at all. */
  public boolean readBy(Routes routes) {
    return readBy.contains(routes);
  }

  /**
   * Whether a deployment serving these routes refuses to start without it. The push OIDC audience
   * and account are not needed when the push check is off.
   */
  public boolean requiredBy(Routes routes, boolean pushOidcEnabled) {
    if (!required || !readBy(routes)) {
      return false;
    }
    return pushOidcEnabled
        || (this != STOREWIRE_PUSH_OIDC_AUDIENCE && this != STOREWIRE_PUSH_OIDC_SERVICE_ACCOUNT);
  }

  /** A credential: given from Secret Manager, never as a plain value. */
  public boolean secret() {
    return secret;
  }

  public String meaning() {
    return meaning;
  }
}
