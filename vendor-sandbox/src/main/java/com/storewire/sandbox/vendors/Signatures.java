package com.storewire.sandbox.vendors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How Shopify and WooCommerce sign webhooks: base64 of HMAC-SHA256 over the raw body. */
final class Signatures {

  private Signatures() {}

  static String hmacSha256Base64(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
