package com.storewire.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.intake.IntakeTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * order-intake (private): Cloud Run lets in only its invokers, so nothing asks them for a key; it
 * does not serve the storefront's placement, and takes no vendor's delivery.
 */
@MicronautTest
class PrivateRoutesTest extends IntakeTest {

  @Override
  protected Routes routes() {
    return Routes.PRIVATE;
  }

  @Test
  void storefrontPlacementIsNotServedHereKeyOrNot() {
    seed("PRIV-1", 5, 1);

    Answer withKey =
        internal(
            HttpRequest.POST("/v1/orders", orderBody("PRIV-1", 1))
                .header("Idempotency-Key", "priv-1")
                .header(StorefrontKeys.HEADER, STOREFRONT_KEY)
                .contentType("application/json"));
    Answer without =
        internal(
            HttpRequest.POST("/v1/orders", orderBody("PRIV-1", 1))
                .header("Idempotency-Key", "priv-2")
                .contentType("application/json"));

    assertThat(withKey.status()).isEqualTo(404);
    assertThat(withKey.json().get("type").asText()).endsWith("/not-found");
    assertThat(without.status()).isEqualTo(404);
    assertThat(stock.levels("PRIV-1").orElseThrow().reserved()).isZero();
  }

  @Test
  void itsInvokersReadListConfigureAndCancelWithoutAKey() {
    seed("PRIV-2", 8, 1);
    String orderId = order("priv-3", orderBody("PRIV-2", 3)).json().get("order_id").asText();

    assertThat(internal(HttpRequest.GET("/v1/orders/" + orderId)).status()).isEqualTo(200);
    assertThat(internal(HttpRequest.GET("/v1/availability/PRIV-2")).status()).isEqualTo(200);
    assertThat(internal(HttpRequest.GET("/v1/availability?sku=PRIV-2")).status()).isEqualTo(200);
    assertThat(internal(HttpRequest.GET("/v1/availability?page_size=10")).status()).isEqualTo(200);
    Answer settings =
        internal(
            HttpRequest.PUT("/v1/skus/PRIV-2/settings", "{\"shards\":2}")
                .contentType("application/json"));
    assertThat(settings.status()).as(settings.body()).isEqualTo(200);
    Answer cancelled = internal(HttpRequest.POST("/v1/orders/" + orderId + ":cancel", ""));
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(internal(HttpRequest.GET("/health")).status()).isEqualTo(200);
    assertThat(internal(HttpRequest.GET("/metrics")).status()).isEqualTo(200);
    assertThat(stock.levels("PRIV-2").orElseThrow().shards()).isEqualTo(2);
  }

  @Test
  void aVendorsOwnDeliveryIsRefusedHereEvenWhenGenuine() {
    seed("PRIV-3", 5, 1);
    String body = shopifyOrder(9901, "PRIV-3", 1);

    Answer answer =
        internal(
            HttpRequest.POST("/v1/webhooks/shopify/orders-create", body)
                .contentType("application/json")
                .header("X-Shopify-Webhook-Id", "wh-9901")
                .header("X-Shopify-Hmac-Sha256", hmac(SHOPIFY_SECRET, body)));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("type").asText()).endsWith("/bad-signature");
    assertThat(stock.levels("PRIV-3").orElseThrow().reserved()).isZero();
  }
}
