package com.storewire.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTest {

  private static final Deployment STOREWIRE = Deployment.storewire();

  @Test
  void aDescriptionThatLeavesAPushSubscriptionOutIsRefused() {
    List<Deployable> without = new ArrayList<>(STOREWIRE.deployables());
    without.removeIf(d -> d.name().equals("shopify-stock"));

    assertThatThrownBy(() -> new Deployment(Catalog.storewire(), without))
        .hasMessageContaining("availability--shopify")
        .hasMessageContaining("pushes to no deployable");
  }

  @Test
  void aSubscriptionPushedToTwoDeployablesIsRefused() {
    List<Deployable> twice = new ArrayList<>(STOREWIRE.deployables());
    Deployable shopify = STOREWIRE.deployable("shopify-stock");
    twice.add(
        new Deployable(
            "shopify-stock-copy",
            shopify.kind(),
            shopify.component(),
            shopify.entryPoint(),
            shopify.identity(),
            shopify.pushes(),
            shopify.env(),
            shopify.secrets(),
            shopify.scaling(),
            shopify.access()));

    assertThatThrownBy(() -> new Deployment(Catalog.storewire(), twice))
        .hasMessageContaining("pushes to shopify-stock and");
  }

  @Test
  void theJsonGivesEveryVariableOneShapeAndEverySecretItsReaders() throws Exception {
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(DeploymentJson.render(STOREWIRE));

    var shopify = json.path("deployables").path("shopify-stock");
    assertThat(shopify.path("env").path("GOOGLE_CLOUD_PROJECT").path("source").asText())
        .isEqualTo("platform");
    assertThat(shopify.path("env").path("SHOPIFY_BASE_URL").path("value").asText())
        .isEqualTo("SHOPIFY_BASE_URL");
    assertThat(shopify.path("secrets").path("SHOPIFY_REFRESH_TOKEN").asText())
        .isEqualTo("shopify-refresh-token");
    assertThat(shopify.path("env").path("SHOPIFY_BASE_URL").path("source").asText())
        .isEqualTo("setting");
    assertThat(shopify.path("env").path("SHOPIFY_LOCATION_ID").path("source").asText())
        .as("an optional setting")
        .isEqualTo("optional_setting");
    assertThat(shopify.path("env").path("SHOPIFY_LOCATION_ID").path("value").asText())
        .isEqualTo("SHOPIFY_LOCATION_ID");
    json.path("deployables")
        .forEach(
            d ->
                d.path("env")
                    .forEach(
                        v ->
                            assertThat(v.fieldNames())
                                .toIterable()
                                .containsExactly("source", "value")));
    assertThat(json.path("secrets").path("STOREWIRE_RECOVERY_SECRET").path("readers"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly("order-intake", "reconciliation");
  }
}
