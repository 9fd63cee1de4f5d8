package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.sandbox.vendors.EbayImitation;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The eBay imitation's Notification API: application tokens by the client credentials grant,
 * getPublicKey only with one, and destinations whose endpoint must answer eBay's challenge.
 */
class EbayNotificationImitationTest extends SandboxTest {

  private static final String NOTIFICATION = "/ebay/commerce/notification/v1";
  private static final String VERIFICATION_TOKEN = "storewire_local-verification-token_0123456789";

  private final List<HttpServer> endpoints = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopEndpoints() {
    endpoints.forEach(server -> server.stop(0));
  }

  private Answer grant(String secret, String form) {
    return send(
        "POST",
        "/ebay/identity/v1/oauth2/token",
        form,
        "Content-Type",
        "application/x-www-form-urlencoded",
        "Authorization",
        basic(EbayImitation.CLIENT_ID, secret));
  }

  private String applicationToken() {
    Answer answer =
        grant(
            CREDENTIALS.ebayClientSecret(),
            "grant_type=client_credentials&scope="
                + URLEncoder.encode(EbayImitation.API_SCOPE, StandardCharsets.UTF_8));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("access_token").asText();
  }

  private Answer publicKey(String kid, String token) {
    return token == null
        ? send("GET", NOTIFICATION + "/public_key/" + kid, null)
        : send(
            "GET", NOTIFICATION + "/public_key/" + kid, null, "Authorization", "Bearer " + token);
  }

  private Answer notificationApi(String method, String path, String body, String token) {
    return send(
        method,
        NOTIFICATION + path,
        body,
        "Content-Type",
        "application/json",
        "Authorization",
        "Bearer " + token);
  }

  private Answer createDestination(String token, String endpoint, String verificationToken) {
    return notificationApi(
        "POST",
        "/destination",
        JSON.createObjectNode()
            .put("name", "storewire-orders")
            .put("status", "ENABLED")
            .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "deliveryConfig",
                JSON.createObjectNode()
                    .put("endpoint", endpoint)
                    .put("verificationToken", verificationToken))
            .toString(),
        token);
  }

  /**
   * An endpoint on a free loopback port that answers each GET with JSON carrying what {@code
   * answer} makes of the challenge code and the endpoint's own URL; that URL.
   */
  private String endpoint(BiFunction<String, String, String> answer) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String url =
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/webhooks/ebay/notifications";
    server.createContext(
        "/v1/webhooks/ebay/notifications",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          String code =
              URLDecoder.decode(
                  query.substring(query.indexOf("challenge_code=") + "challenge_code=".length()),
                  StandardCharsets.UTF_8);
          byte[] body =
              JSON.createObjectNode()
                  .put("challengeResponse", answer.apply(code, url))
                  .toString()
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    endpoints.add(server);
    return url;
  }

  @Test
  void applicationTokensComeFromTheClientCredentialsGrantAndAWrongSecretIsInvalidClient() {
    Answer granted =
        grant(
            CREDENTIALS.ebayClientSecret(),
            "grant_type=client_credentials&scope="
                + URLEncoder.encode(EbayImitation.API_SCOPE, StandardCharsets.UTF_8));
    Answer wrongSecret =
        grant(
            "not-the-secret",
            "grant_type=client_credentials&scope="
                + URLEncoder.encode(EbayImitation.API_SCOPE, StandardCharsets.UTF_8));
    Answer wrongSecretRefreshing =
        grant(
            "not-the-secret",
            "grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(CREDENTIALS.ebayRefreshToken(), StandardCharsets.UTF_8));
    Answer sellScope =
        grant(
            CREDENTIALS.ebayClientSecret(),
            "grant_type=client_credentials&scope="
                + URLEncoder.encode(
                    "https://api.ebay.com/oauth/api_scope/sell.inventory", StandardCharsets.UTF_8));
    Answer unknownGrant = grant(CREDENTIALS.ebayClientSecret(), "grant_type=password");

    assertThat(granted.status()).isEqualTo(200);
    assertThat(granted.json().get("token_type").asText()).isEqualTo("Application Access Token");
    assertThat(granted.json().get("expires_in").asInt()).isEqualTo(7200);
    assertThat(granted.json().has("refresh_token")).isFalse();
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(wrongSecret.json().get("error_description").asText())
        .isEqualTo("client authentication failed");
    assertThat(wrongSecretRefreshing.status()).isEqualTo(401);
    assertThat(sellScope.status()).isEqualTo(400);
    assertThat(sellScope.json().get("error").asText()).isEqualTo("invalid_scope");
    assertThat(unknownGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void getPublicKeyTakesAnApplicationTokenAndNoOtherToken() {
    String application = applicationToken();
    String user = ebayToken();

    Answer none = publicKey("ebay-key-1", null);
    Answer byUser = publicKey("ebay-key-1", user);
    Answer key = publicKey("ebay-key-1", application);
    Answer unknownKey = publicKey("ebay-key-9", application);
    Answer sellingWithTheApplication =
        send(
            "GET",
            "/ebay/sell/inventory/v1/inventory_item",
            null,
            "Authorization",
            "Bearer " + application);
    admin("POST", "/ebay/revoke-tokens", "");
    Answer revoked = publicKey("ebay-key-1", application);

    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().at("/errors/0/errorId").asInt()).isEqualTo(1002);
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(byUser.json().at("/errors/0/errorId").asInt()).isEqualTo(1100);
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.json().get("key").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(key.json().get("digest").asText()).isEqualTo("SHA1");
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(unknownKey.json().at("/errors/0/errorId").asInt()).isEqualTo(195001);
    assertThat(sellingWithTheApplication.status()).isEqualTo(403);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().at("/errors/0/errorId").asInt()).isEqualTo(1001);
  }

  @Test
  void aRotatedKeySignsFromThenOnAndTheOldOneIsStillServed() throws Exception {
    admin("PUT", "/ebay/stock", "{\"ROT-1\":5}");
    List<String> signatures = new CopyOnWriteArrayList<>();
    HttpServer webhook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext(
        "/",
        exchange -> {
          signatures.add(exchange.getRequestHeaders().getFirst("X-EBAY-SIGNATURE"));
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.start();
    endpoints.add(webhook);
    admin(
        "POST",
        "/ebay/webhook-target",
        "{\"url\":\"http://127.0.0.1:" + webhook.getAddress().getPort() + "/\"}");
    String application = applicationToken();

    admin("POST", "/ebay/sell", "{\"sku\":\"ROT-1\",\"quantity\":1}");
    String rotated = admin("POST", "/ebay/rotate-key", "{}").json().get("kid").asText();
    admin("POST", "/ebay/sell", "{\"sku\":\"ROT-1\",\"quantity\":1}");
    admin("POST", "/ebay/flush", "{}");

    assertThat(rotated).isEqualTo("ebay-key-2");
    assertThat(signatures).hasSize(2);
    assertThat(signatures.stream().map(EbayNotificationImitationTest::kid))
        .containsExactly("ebay-key-1", "ebay-key-2");
    assertThat(publicKey("ebay-key-1", application).status()).isEqualTo(200);
    assertThat(publicKey("ebay-key-2", application).status()).isEqualTo(200);
  }

  private static String kid(String signature) {
    try {
      return JSON.readTree(Base64.getDecoder().decode(signature)).get("kid").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDestinationIsCreatedOnlyOnceItsEndpointAnswersTheChallenge() throws Exception {
    String application = applicationToken();
    String good =
        endpoint((code, url) -> EbayImitation.challengeResponse(code, VERIFICATION_TOKEN, url));
    // Hashes another endpoint than the one eBay was given.
    String endpoint =
        endpoint(
            (code, url) ->
                EbayImitation.challengeResponse(
                    code, VERIFICATION_TOKEN, "https://intake.example.com/v1/webhooks/ebay"));

    Answer beforeConfig = createDestination(application, good, VERIFICATION_TOKEN);
    Answer badEmail = notificationApi("PUT", "/config", "{\"alertEmail\":\"nobody\"}", application);
    Answer config =
        notificationApi("PUT", "/config", "{\"alertEmail\":\"ops@example.com\"}", application);
    Answer wrongAnswer = createDestination(application, endpoint, VERIFICATION_TOKEN);
    Answer shortToken = createDestination(application, good, "too-short");
    Answer publicHttp =
        createDestination(
            application, "http://storewire.example.com/v1/webhooks/ebay", VERIFICATION_TOKEN);
    Answer byUser = createDestination(ebayToken(), good, VERIFICATION_TOKEN);
    Answer created = createDestination(application, good, VERIFICATION_TOKEN);
    Answer again = createDestination(application, good, VERIFICATION_TOKEN);

    assertThat(beforeConfig.status()).isEqualTo(409);
    assertThat(beforeConfig.json().at("/errors/0/errorId").asInt()).isEqualTo(195003);
    assertThat(badEmail.json().at("/errors/0/errorId").asInt()).isEqualTo(195025);
    assertThat(config.status()).isEqualTo(204);
    assertThat(wrongAnswer.status()).isEqualTo(409);
    assertThat(wrongAnswer.json().at("/errors/0/errorId").asInt()).isEqualTo(195020);
    assertThat(wrongAnswer.json().at("/errors/0/message").asText())
        .isEqualTo("Challenge verification failed for requested endpoint");
    assertThat(shortToken.json().at("/errors/0/errorId").asInt()).isEqualTo(195019);
    assertThat(publicHttp.json().at("/errors/0/errorId").asInt()).isEqualTo(195017);
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(again.json().at("/errors/0/errorId").asInt()).isEqualTo(195021);

    String location = created.header("Location");
    assertThat(location).contains("/commerce/notification/v1/destination/");
    JsonNode destination =
        notificationApi(
                "GET",
                "/destination/" + location.substring(location.lastIndexOf('/') + 1),
                null,
                application)
            .json();
    assertThat(destination.at("/deliveryConfig/endpoint").asText()).isEqualTo(good);
    assertThat(destination.at("/deliveryConfig/verificationToken").asText())
        .isEqualTo(VERIFICATION_TOKEN);
    assertThat(destination.get("status").asText()).isEqualTo("ENABLED");
    // Both endpoints were challenged with a code of their own; neither was called otherwise.
    assertThat(sandbox.imitation("ebay").inventory().received().get("challenge"))
        .extracting(c -> c.get("endpoint").asText())
        .containsExactly(endpoint, good);
    assertThat(sandbox.imitation("ebay").inventory().received().get("challenge"))
        .extracting(c -> c.get("challengeCode").asText())
        .doesNotHaveDuplicates();
    assertThat(sandbox.imitation("ebay").inventory().received().get("destination")).hasSize(1);
  }

  @Test
  void theExpectedAnswerIsTheHexSha256OfCodeTokenAndEndpointInThatOrder() throws Exception {
    String code = "a8628072-3d33-45ee-9004-bee86830a22d";
    String endpoint = "https://intake.example.com/v1/webhooks/ebay/notifications";
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest((code + VERIFICATION_TOKEN + endpoint).getBytes(StandardCharsets.UTF_8));

    assertThat(EbayImitation.challengeResponse(code, VERIFICATION_TOKEN, endpoint))
        .isEqualTo(java.util.HexFormat.of().formatHex(digest))
        .hasSize(64);
  }
}
