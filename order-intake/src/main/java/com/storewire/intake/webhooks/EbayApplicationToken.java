package com.storewire.intake.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * eBay application access tokens, which the Notification API's getPublicKey requires: minted by the
 * client credentials grant ({@code POST /identity/v1/oauth2/token}, {@code
 * grant_type=client_credentials}, {@code scope=}{@value #SCOPE}, Basic {@code
 * client_id:client_secret}; developer.ebay.com "Client credentials grant flow"), kept until {@link
 * #EARLY} before they expire, and minted afresh when eBay refuses the one kept ({@link #refused}).
 *
 * <p>The token endpoint is {@code storewire.webhooks.ebay.token-url}; unset, it is on the host that
 * serves the public keys ({@code storewire.webhooks.ebay.public-key-url}), as both are on
 * api.ebay.com (or api.sandbox.ebay.com). A refused credential or an unreachable endpoint is {@link
 * Unavailable}: Storewire's problem, not the notification's.
 */
@Singleton
// Only the public deployment answers eBay; the private one starts without eBay's keys.
@Requires(property = "storewire.routes", value = "public")
public class EbayApplicationToken {

  static final String SCOPE = "https://api.ebay.com/oauth/api_scope";
  static final String TOKEN_PATH = "/identity/v1/oauth2/token";
  static final String PUBLIC_KEY_PATH = "/commerce/notification/v1/public_key/";

  /** How long before its expiry a token is replaced: eBay's last for two hours. */
  static final Duration EARLY = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** No token could be had: eBay refused the credentials, or did not answer. */
  static final class Unavailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Issued(String value, Instant expiresAt) {}

  private final URI tokenUrl;
  private final String basicCredentials;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Issued current;
  private long minted;

  public EbayApplicationToken(
      @Value("${storewire.webhooks.ebay.client-id}") String clientId,
      @Value("${storewire.webhooks.ebay.client-secret}") String clientSecret,
      @Value("${storewire.webhooks.ebay.token-url:}") String tokenUrl,
      @Value(
              "${storewire.webhooks.ebay.public-key-url:https://api.ebay.com"
                  + PUBLIC_KEY_PATH
                  + "}")
          String publicKeyUrl) {
    this(clientId, clientSecret, tokenUrl(tokenUrl, publicKeyUrl), Clock.systemUTC());
  }

  EbayApplicationToken(String clientId, String clientSecret, String tokenUrl, Clock clock) {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalStateException(
          "storewire.webhooks.ebay.client-id and client-secret (EBAY_CLIENT_ID,"
              + " EBAY_CLIENT_SECRET) must be set: getPublicKey takes an application token");
    }
    this.tokenUrl = URI.create(tokenUrl);
    this.basicCredentials =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
  }

  /**
   * The configured token URL, or the one on the public keys' host: {@code
   * https://api.ebay.com/commerce/notification/v1/public_key/} gives {@code
   * https://api.ebay.com/identity/v1/oauth2/token}.
   */
  static String tokenUrl(String configured, String publicKeyUrl) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String keys = publicKeyUrl.endsWith("/") ? publicKeyUrl : publicKeyUrl + "/";
    if (!keys.endsWith(PUBLIC_KEY_PATH)) {
      throw new IllegalStateException(
          "storewire.webhooks.ebay.token-url must be set: the public key URL "
              + publicKeyUrl
              + " does not end in "
              + PUBLIC_KEY_PATH);
    }
    return keys.substring(0, keys.length() - PUBLIC_KEY_PATH.length()) + TOKEN_PATH;
  }

  /** A token good for a while yet: the one kept, or a new one. */
  public synchronized String value() {
    if (current == null || !clock.instant().plus(EARLY).isBefore(current.expiresAt())) {
      current = mint();
    }
    return current.value();
  }

  /** eBay refused {@code token} (revoked early): the next {@link #value} mints another. */
  public synchronized void refused(String token) {
    if (current != null && current.value().equals(token)) {
      current = null;
    }
  }

  /** Tokens minted so far. */
  synchronized long minted() {
    return minted;
  }

  private Issued mint() {
    String form =
        "grant_type=client_credentials&scope=" + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8);
    HttpResponse<String> answer;
    try {
      answer =
          http.send(
              HttpRequest.newBuilder(tokenUrl)
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", basicCredentials)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("eBay's token endpoint " + tokenUrl + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted minting an eBay application token", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    if (answer.statusCode() != 200 || !body.path("access_token").isTextual()) {
      // OAuth's error fields only: the body of a refusal carries no credential.
      throw new Unavailable(
          "eBay refused Storewire's application credentials (EBAY_CLIENT_ID, EBAY_CLIENT_SECRET):"
              + " HTTP "
              + answer.statusCode()
              + " "
              + body.path("error").asText("")
              + " "
              + body.path("error_description").asText(""),
          null);
    }
    minted++;
    return new Issued(
        body.get("access_token").asText(),
        clock.instant().plusSeconds(body.path("expires_in").asLong(7200)));
  }
}
