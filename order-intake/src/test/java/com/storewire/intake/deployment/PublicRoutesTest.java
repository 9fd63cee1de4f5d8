package com.storewire.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.intake.IntakeTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * order-intake-public: what Cloud Run lets anyone reach. Only the storefront's routes (with a
 * current API key) and the marketplaces' webhooks (with their signatures) are served, plus health;
 * every other route answers the 404 a path nobody serves answers.
 */
@MicronautTest
class PublicRoutesTest extends IntakeTest {

  @Inject MeterRegistry meters;
  @Inject Router router;

  @Test
  void theStorefrontPlacesOrdersWithEitherCurrentKeyAndNothingElse() {
    seed("PUB-1", 10, 2);
    double refusedBefore = refused("missing_key") + refused("wrong_key");

    Answer current = withKey(STOREFRONT_KEY, place("pub-1"));
    Answer rotatedTo = withKey(NEXT_STOREFRONT_KEY, place("pub-2"));
    Answer none = call(Routes.PUBLIC, place("pub-3"));
    Answer wrong = withKey("storefront-test-key-9999", place("pub-4"));
    Answer prefix = withKey(STOREFRONT_KEY.substring(0, 20), place("pub-5"));

    assertThat(current.status()).as(current.body()).isEqualTo(201);
    assertThat(rotatedTo.status()).as(rotatedTo.body()).isEqualTo(201);
    assertUnauthorized(none, "required header");
    assertUnauthorized(wrong, "not a current storefront API key");
    assertUnauthorized(prefix, "not a current storefront API key");
    assertThat(stock.levels("PUB-1").orElseThrow().reserved()).isEqualTo(2);
    assertThat(refused("missing_key") + refused("wrong_key")).isEqualTo(refusedBefore + 3);
  }

  @Test
  void everyStorefrontRouteAsksForTheKey() {
    seed("PUB-2", 5, 1);
    String orderId = order("pub-read", orderBody("PUB-2", 1)).json().get("order_id").asText();

    assertUnauthorized(
        call(Routes.PUBLIC, HttpRequest.GET("/v1/orders/" + orderId)), "required header");
    assertUnauthorized(
        call(Routes.PUBLIC, HttpRequest.POST("/v1/orders/" + orderId + ":cancel", "")),
        "required header");
    assertUnauthorized(
        call(Routes.PUBLIC, HttpRequest.GET("/v1/availability/PUB-2")), "required header");
    assertThat(stock.levels("PUB-2").orElseThrow().reserved()).as("not cancelled").isEqualTo(1);

    assertThat(storefront(HttpRequest.GET("/v1/orders/" + orderId)).status()).isEqualTo(200);
    assertThat(storefront(HttpRequest.GET("/v1/availability/PUB-2")).status()).isEqualTo(200);
  }

  @Test
  void privateRoutesAnswerTheSame404AsAPathNobodyServesKeyOrNot() {
    seed("PUB-3", 5, 1);
    JsonNode nobody = storefront(HttpRequest.GET("/v1/nothing-here")).json();
    List<MutableHttpRequest<?>> privateOnes =
        List.of(
            HttpRequest.POST("/v1/push/stock-adjustments", "{}").contentType("application/json"),
            HttpRequest.POST("/v1/push/fulfilment", "{}").contentType("application/json"),
            HttpRequest.PUT("/v1/skus/PUB-3/settings", "{\"shards\":8}")
                .contentType("application/json"),
            // Other methods on a private path: a 405 would name the private route's method.
            HttpRequest.GET("/v1/skus/PUB-3/settings"),
            HttpRequest.GET("/v1/push/stock-adjustments"),
            HttpRequest.GET("/v1/availability"),
            HttpRequest.GET("/v1/availability?sku=PUB-3"),
            HttpRequest.GET("/metrics"),
            HttpRequest.GET("/beans"));

    for (MutableHttpRequest<?> request : privateOnes) {
      for (boolean withKey : new boolean[] {false, true}) {
        if (withKey) {
          request.header(StorefrontKeys.HEADER, STOREFRONT_KEY);
        }
        Answer answer = call(Routes.PUBLIC, request);
        String what = request.getMethodName() + " " + request.getUri() + " key=" + withKey;
        assertThat(answer.status()).as(what).isEqualTo(404);
        JsonNode problem = answer.json();
        assertThat(problem.get("type")).as(what).isEqualTo(nobody.get("type"));
        assertThat(problem.get("title")).as(what).isEqualTo(nobody.get("title"));
        assertThat(problem.get("detail").asText())
            .as(what)
            .isEqualTo(
                "Nothing is served at " + request.getMethodName() + " " + request.getPath() + ".");
      }
    }
    assertThat(nobody.get("status").asInt()).isEqualTo(404);
    assertThat(nobody.get("type").asText()).endsWith("/not-found");
    assertThat(stock.levels("PUB-3").orElseThrow().shards()).as("settings unchanged").isEqualTo(1);
  }

  @Test
  void healthIsServedToAnyone() {
    assertThat(call(Routes.PUBLIC, HttpRequest.GET("/health")).status()).isEqualTo(200);
  }

  @Test
  void theStorefrontSeesNoMarketplaceOrderButThePrivateDeploymentDoes() {
    seed("PUB-4", 10, 1);
    String body = shopifyOrder(8801, "PUB-4", 2);
    assertThat(shopify(body, hmac(SHOPIFY_SECRET, body), "wh-8801").status()).isEqualTo(200);

    Answer read = storefront(HttpRequest.GET("/v1/orders/shopify-8801"));
    Answer cancel = storefront(HttpRequest.POST("/v1/orders/shopify-8801:cancel", ""));

    assertThat(read.status()).isEqualTo(404);
    assertThat(read.json().get("type").asText()).endsWith("/order-not-found");
    assertThat(cancel.status()).isEqualTo(404);
    assertThat(stock.levels("PUB-4").orElseThrow().reserved()).as("still sold").isEqualTo(2);
    assertThat(internal(HttpRequest.GET("/v1/orders/shopify-8801")).json().get("status").asText())
        .isEqualTo("PLACED");
  }

  @Test
  void everyRouteSaysWhichDeploymentsServeIt() {
    List<String> unclassified =
        router
            .uriRoutes()
            .filter(route -> route.getDeclaringType().getPackageName().startsWith("com.storewire"))
            .filter(
                route ->
                    !route.getAnnotationMetadata().hasAnnotation(StorefrontRoute.class)
                        && !route.getAnnotationMetadata().hasAnnotation(WebhookRoute.class)
                        && !route.getAnnotationMetadata().hasAnnotation(PrivateRoute.class))
            .map(UriRouteInfo::toString)
            .toList();

    assertThat(unclassified).isEmpty();
    assertThat(
            router
                .uriRoutes()
                .filter(r -> r.getAnnotationMetadata().hasAnnotation(StorefrontRoute.class))
                .map(r -> r.getTargetMethod().getMethodName())
                .distinct())
        .as("place, read, cancel, one SKU's availability")
        .containsExactlyInAnyOrder("place", "get", "cancel", "one");
  }

  private static MutableHttpRequest<String> place(String idempotencyKey) {
    return HttpRequest.POST("/v1/orders", orderBody("PUB-1", 1))
        .header("Idempotency-Key", idempotencyKey)
        .contentType("application/json");
  }

  private Answer withKey(String key, MutableHttpRequest<?> request) {
    return call(Routes.PUBLIC, request.header(StorefrontKeys.HEADER, key));
  }

  private double refused(String reason) {
    return meters.counter("storewire.storefront.refused", "reason", reason).count();
  }

  private void assertUnauthorized(Answer answer, String reason) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    JsonNode problem = answer.json();
    assertThat(problem.get("type").asText()).endsWith("/storefront-api-key");
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("detail").asText()).contains(StorefrontKeys.HEADER);
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(StorefrontKeys.HEADER);
    assertThat(problem.get("errors").get(0).get("reason").asText()).isEqualTo(reason);
  }

  /** The problem's media type, checked once on the raw response. */
  @Test
  void aRefusalIsAnRfc9457Problem() {
    try {
      http.toBlocking().exchange(place("pub-media"), String.class);
    } catch (HttpClientResponseException e) {
      HttpResponse<?> response = e.getResponse();
      assertThat(response.getContentType().orElseThrow().toString())
          .isEqualTo("application/problem+json");
      return;
    }
    throw new AssertionError("placed without a key");
  }
}
