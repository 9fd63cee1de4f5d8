package com.storewire.intake.webhooks;

import io.micronaut.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Base64 HMAC-SHA256 of the raw body in a header, as Shopify ({@code X-Shopify-Hmac-Sha256}, keyed
 * with the app's client secret; shopify.dev "verify-deliveries") and WooCommerce ({@code
 * X-WC-Webhook-Signature}, keyed with the webhook secret; class-wc-webhook.php) send it. Compared
 * in constant time.
 */
final class HmacSignature implements SignatureCheck {

  private final String header;
  private final byte[] secret;

  HmacSignature(String header, String secret) {
    this.header = header;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String refusal(byte[] rawBody, HttpHeaders headers) {
    String given = headers.get(header);
    if (given == null || given.isBlank()) {
      return "missing " + header;
    }
    byte[] expected = Base64.getEncoder().encode(sign(secret, rawBody));
    return MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.US_ASCII))
        ? null
        : "bad " + header;
  }

  static byte[] sign(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
