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
 * is cached for an hour as eBay advises.
 */
final class EbaySignature implements SignatureCheck {

  static final String HEADER = "X-EBAY-SIGNATURE";
  private static final Duration KEY_TTL = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String publicKeyUrl;
  private final String bearerToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

  EbaySignature(String publicKeyUrl, String bearerToken) {
    this.publicKeyUrl = publicKeyUrl.endsWith("/") ? publicKeyUrl : publicKeyUrl + "/";
    this.bearerToken = bearerToken;
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(publicKeyUrl + kid)).timeout(Duration.ofSeconds(3));
    if (!bearerToken.isEmpty()) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted fetching eBay key " + kid, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("eBay public key " + kid + " answered " + response.statusCode());
    }
    String pem = JSON.readTree(response.body()).path("key").asText();
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PublicKey key =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    keys.put(kid, new CachedKey(key, Instant.now()));
    return key;
  }

  private record CachedKey(PublicKey key, Instant fetched) {}
}
