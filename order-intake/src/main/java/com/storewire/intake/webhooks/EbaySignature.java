package com.storewire.intake.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * eBay's {@code X-EBAY-SIGNATURE}: base64 of {@code {"alg":"ECDSA","kid":…,"signature":…,
 * "digest":"SHA1"}}; the signature is ECDSA over the raw body with the public key eBay serves at
 * {@code GET /commerce/notification/v1/public_key/{kid}} (developer.ebay.com getPublicKey), which
 * is cached for an hour as eBay advises. getPublicKey takes an application token ({@link
 * EbayApplicationToken}); one eBay refuses (401) is replaced once and the key asked for again.
 *
 * <p>A key eBay does not have (404) is a forged notification, refused. A key that cannot be had for
 * any other reason (the token endpoint refused Storewire's credentials, eBay did not answer) is
 * {@link EbayApplicationToken.Unavailable}: the notification may be genuine, so it is answered 503
 * for eBay to deliver again, and logged as the failure it is.
 */
final class EbaySignature implements SignatureCheck {

  static final String HEADER = "X-EBAY-SIGNATURE";
  private static final Duration KEY_TTL = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String publicKeyUrl;
  private final EbayApplicationToken tokens;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

  EbaySignature(String publicKeyUrl, EbayApplicationToken tokens) {
    this.publicKeyUrl = publicKeyUrl.endsWith("/") ? publicKeyUrl : publicKeyUrl + "/";
    this.tokens = tokens;
  }

  @Override
  public String refusal(byte[] rawBody, HttpHeaders headers) {
    String header = headers.get(HEADER);
    if (header == null || header.isBlank()) {
      return "missing " + HEADER;
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getDecoder().decode(header.trim()));
      String kid = claims.path("kid").asText();
      Signature verifier =
          Signature.getInstance(claims.path("digest").asText("SHA1") + "withECDSA");
      verifier.initVerify(key(kid));
      verifier.update(rawBody);
      return verifier.verify(Base64.getDecoder().decode(claims.path("signature").asText()))
          ? null
          : "bad " + HEADER;
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      return "unverifiable " + HEADER + ": " + e.getClass().getSimpleName();
    }
  }

  private PublicKey key(String kid) throws IOException, GeneralSecurityException {
    CachedKey cached = keys.get(kid);
    if (cached != null && cached.fetched.plus(KEY_TTL).isAfter(Instant.now())) {
      return cached.key;
    }
    String token = tokens.value();
    HttpResponse<String> response = fetch(kid, token);
    if (response.statusCode() == 401) {
      tokens.refused(token);
      response = fetch(kid, tokens.value());
    }
    if (response.statusCode() == 404) {
      throw new IOException("eBay has no public key " + kid);
    }
    if (response.statusCode() != 200) {
      throw new EbayApplicationToken.Unavailable(
          "eBay's getPublicKey for " + kid + " answered " + response.statusCode(), null);
    }
    String pem = JSON.readTree(response.body()).path("key").asText();
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PublicKey key =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    keys.put(kid, new CachedKey(key, Instant.now()));
    return key;
  }

  private HttpResponse<String> fetch(String kid, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(publicKeyUrl + kid))
            .timeout(Duration.ofSeconds(3))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EbayApplicationToken.Unavailable("eBay's getPublicKey did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EbayApplicationToken.Unavailable("interrupted fetching eBay key " + kid, e);
    }
  }

  private record CachedKey(PublicKey key, Instant fetched) {}
}
