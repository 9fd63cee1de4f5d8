package com.storewire.intake.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.intake.IntakeTest;
import com.storewire.intake.deployment.Routes;
import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.core.Seller;
import com.storewire.sandbox.vendors.EbayImitation;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * eBay's notification endpoint against the vendor sandbox's eBay: the endpoint check ({@code GET
 * ?challenge_code=…}) answered as eBay validates it when a destination is created, and
 * notifications verified with keys fetched by an application token that order intake mints itself
 * by the client credentials grant.
 */
@MicronautTest
class EbayNotificationEndpointTest extends IntakeTest {

  private static final String PATH = "/v1/webhooks/ebay/notifications";

  private SandboxServer sandbox;
  private String endpoint;
  private final HttpClient operator = HttpClient.newHttpClient();

  @Inject EbayApplicationToken applicationTokens;

  @Override
  protected Map<String, String> extraProperties() {
    sandbox = VendorSandbox.start(0, 11, VendorSandbox.Credentials.local());
    // eBay must be given the endpoint before it can call it: the service's port is chosen first.
    int port = freePort();
    endpoint = "http://127.0.0.1:" + port + PATH;
    return Map.of(
        "micronaut.server.port",
        Integer.toString(port),
        "storewire.webhooks.ebay.endpoint",
        endpoint,
        // The token endpoint is found on the same host as the keys, as on api.ebay.com.
        "storewire.webhooks.ebay.public-key-url",
        sandbox.baseUrl("ebay") + "/commerce/notification/v1/public_key/");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  private EbayImitation ebay() {
    return (EbayImitation) sandbox.imitation("ebay");
  }

  @Test
  void theChallengeIsAnsweredWithTheHashOfCodeVerificationTokenAndEndpoint() {
    HttpResponse<String> answer =
        http.toBlocking()
            .exchange(HttpRequest.GET(PATH + "?challenge_code=a8628072-3d33-45ee"), String.class);

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.getContentType().orElseThrow().toString()).startsWith("application/json");
    assertThat(json(answer.body()).get("challengeResponse").asText())
        .isEqualTo(
            EbayImitation.challengeResponse(
                "a8628072-3d33-45ee", EBAY_VERIFICATION_TOKEN, endpoint))
        .hasSize(64);
  }

  @Test
  void aChallengeWithoutItsCodeIsA400Problem() {
    Answer none = call(Routes.PUBLIC, HttpRequest.GET(PATH));
    Answer blank = call(Routes.PUBLIC, HttpRequest.GET(PATH + "?challenge_code="));

    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("type").asText()).endsWith("/missing-challenge-code");
    assertThat(none.json().get("status").asInt()).isEqualTo(400);
    assertThat(blank.status()).isEqualTo(400);
  }

  @Test
  void ebayCreatesTheDestinationOnlyWhenOrderIntakeAnswersItsChallenge() throws Exception {
    String token = operatorToken();
    assertThat(
            notificationApi("PUT", "/config", "{\"alertEmail\":\"ops@example.com\"}", token)
                .statusCode())
        .isEqualTo(204);

    var refused = createDestination(token, "not-" + EBAY_VERIFICATION_TOKEN);
    var created = createDestination(token, EBAY_VERIFICATION_TOKEN);

    // Given another verification token than order intake's, eBay finds the answer wrong.
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused.body()).at("/errors/0/errorId").asInt()).isEqualTo(195020);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).isPresent();
    assertThat(ebay().inventory().received().get("challenge"))
        .hasSize(2)
        .allSatisfy(
            challenge -> {
              assertThat(challenge.get("endpoint").asText()).isEqualTo(endpoint);
              assertThat(challenge.get("status").asInt()).isEqualTo(200);
            });
  }

  @Test
  void aNotificationIsVerifiedWithAKeyFetchedByAMintedApplicationToken() {
    seed("EBAY-APP-1", 5, 1);
    ebay().inventory().set("EBAY-APP-1", 5);
    ((Seller) ebay()).deliverTo(endpoint);

    assertThat(((Seller) ebay()).sell("EBAY-APP-1", 2)).isNotNull();

    assertThat(stock.levels("EBAY-APP-1").orElseThrow().reserved()).isEqualTo(2);
    assertThat(applicationTokens.minted()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aRevokedApplicationTokenIsReplacedOnceAndTheKeyFetchedWithTheNewOne() throws Exception {
    seed("EBAY-APP-2", 5, 1);
    ebay().inventory().set("EBAY-APP-2", 5);
    ((Seller) ebay()).deliverTo(endpoint);
    applicationTokens.value();
    long minted = applicationTokens.minted();
    long refused = ebay().refusals(status -> status == 401);

    ebay().revokeTokens();
    // A key order intake has not cached yet: getPublicKey is called with the revoked token.
    sandbox(ebay().name() + "/rotate-key");
    assertThat(((Seller) ebay()).sell("EBAY-APP-2", 1)).isNotNull();

    assertThat(stock.levels("EBAY-APP-2").orElseThrow().reserved()).isEqualTo(1);
    assertThat(applicationTokens.minted()).isEqualTo(minted + 1);
    assertThat(ebay().refusals(status -> status == 401)).isEqualTo(refused + 1);
  }

  /** An application token, as the operator who registers the destination mints one. */
  private String operatorToken() throws Exception {
    var answer =
        operator.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl("ebay") + "/identity/v1/oauth2/token"))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (EBAY_CLIENT_ID + ":" + EBAY_CLIENT_SECRET)
                                    .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope="
                            + URLEncoder.encode(EbayImitation.API_SCOPE, StandardCharsets.UTF_8)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    return json(answer.body()).get("access_token").asText();
  }

  private java.net.http.HttpResponse<String> createDestination(
      String token, String verificationToken) throws Exception {
    String body =
        "{\"name\":\"storewire-orders\",\"status\":\"ENABLED\",\"deliveryConfig\":{\"endpoint\":\""
            + endpoint
            + "\",\"verificationToken\":\""
            + verificationToken
            + "\"}}";
    return notificationApi("POST", "/destination", body, token);
  }

  private java.net.http.HttpResponse<String> notificationApi(
      String method, String path, String body, String token) throws Exception {
    return operator.send(
        java.net.http.HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl("ebay") + "/commerce/notification/v1" + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** A sandbox admin action: {@code POST /_admin/{vendor}/{action}}. */
  private void sandbox(String vendorAction) throws Exception {
    var answer =
        operator.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sandbox.port() + "/_admin/" + vendorAction))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
