package com.storewire.intake.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.AdjustmentReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import com.storewire.intake.IntakeTest;
import com.storewire.intake.deployment.Routes;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The push OIDC check as the local stack runs it: the certificates location
 * (STOREWIRE_PUSH_OIDC_CERTS_URL) points at a stand-in for Google's identity service that serves a
 * JWKS, and each push carries an RS256 token it signed. Only a token signed by a key of that JWKS,
 * from Google's issuer, for this audience and from the push identity lets a push in.
 */
@MicronautTest
class PushOidcTest extends IntakeTest {

  private static final String AUDIENCE = "https://order-intake-123456789.europe-west1.run.app";
  private static final String PUSH_IDENTITY =
      "dev-pubsub-push@storewire-dev.iam.gserviceaccount.com";

  private final KeyPair signing = rsa();
  private final KeyPair stranger = rsa();
  private final AtomicInteger jwksReads = new AtomicInteger();
  private HttpServer identity;

  @Override
  protected Routes routes() {
    return Routes.PRIVATE;
  }

  @Override
  protected Map<String, String> extraProperties() {
    try {
      identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RSAPublicKey key = (RSAPublicKey) signing.getPublic();
    byte[] jwks =
        ("{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"stand-in-1\","
                + "\"n\":\""
                + base64Url(unsigned(key.getModulus()))
                + "\",\"e\":\""
                + base64Url(unsigned(key.getPublicExponent()))
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    identity.createContext(
        "/oauth2/v3/certs",
        exchange -> {
          jwksReads.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    identity.start();
    // On top of IntakeTest's, which turn the check off.
    Map<String, String> properties = new HashMap<>();
    properties.put("storewire.push.oidc.enabled", "true");
    properties.put("storewire.push.oidc.audience", AUDIENCE);
    properties.put("storewire.push.oidc.service-account", PUSH_IDENTITY);
    properties.put(
        "storewire.push.oidc.certs-url",
        "http://127.0.0.1:" + identity.getAddress().getPort() + "/oauth2/v3/certs");
    return properties;
  }

  @AfterAll
  void stopIdentity() {
    identity.stop(0);
  }

  @Test
  void onlyATokenTheIdentityServiceSignedForThisAudienceAndThePushIdentityLetsAPushIn() {
    seed("OIDC-1", 0, 1);
    long now = Instant.now().getEpochSecond();

    int genuine = pushWith(token(signing, "stand-in-1", claims(AUDIENCE, PUSH_IDENTITY, now)));
    int otherAudience =
        pushWith(
            token(signing, "stand-in-1", claims("https://elsewhere.run.app", PUSH_IDENTITY, now)));
    int otherAccount =
        pushWith(
            token(
                signing,
                "stand-in-1",
                claims(AUDIENCE, "someone@storewire-dev.iam.gserviceaccount.com", now)));
    int expired =
        pushWith(token(signing, "stand-in-1", claims(AUDIENCE, PUSH_IDENTITY, now - 7200)));
    int forged = pushWith(token(stranger, "stand-in-1", claims(AUDIENCE, PUSH_IDENTITY, now)));
    int unknownKey = pushWith(token(signing, "stand-in-9", claims(AUDIENCE, PUSH_IDENTITY, now)));
    int none = pushWith(null);

    assertThat(genuine).isEqualTo(204);
    assertThat(otherAudience).isEqualTo(401);
    assertThat(otherAccount).isEqualTo(401);
    assertThat(expired).isEqualTo(401);
    assertThat(forged).isEqualTo(401);
    assertThat(unknownKey).isEqualTo(401);
    assertThat(none).isEqualTo(401);
    assertThat(stock.levels("OIDC-1").orElseThrow().onHand())
        .as("only the genuine push applied")
        .isEqualTo(1);
    assertThat(jwksReads.get()).as("the keys came from the stand-in").isPositive();
  }

  private int pushWith(String token) {
    Event event =
        EventBuilder.of(
                StockAdjusted.newBuilder()
                    .setSku("OIDC-1")
                    .setReason(AdjustmentReason.RECEIPT)
                    .setSourceSystem(SystemId.LOGIWA)
                    .setQuantityChange(1)
                    .build())
            .source("//storewire/test")
            .build();
    MutableHttpRequest<String> request = pushRequest("stock-adjustments", event);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return internal(request).status();
  }

  /** What Pub/Sub push puts in its OIDC token. */
  private static String claims(String audience, String email, long issuedAt) {
    return "{\"iss\":\"https://accounts.google.com\",\"aud\":\""
        + audience
        + "\",\"azp\":\"1234567890\",\"email\":\""
        + email
        + "\",\"email_verified\":true,\"sub\":\"1234567890\",\"iat\":"
        + issuedAt
        + ",\"exp\":"
        + (issuedAt + 3600)
        + "}";
  }

  private static String token(KeyPair key, String kid, String claims) {
    String signed =
        base64Url(
                ("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}")
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + base64Url(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key.getPrivate());
      signer.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + base64Url(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
