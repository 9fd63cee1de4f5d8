package com.storewire.sandbox.vendors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-legged OAuth 1.0a as WooCommerce takes it over plain HTTP (RFC 5849): the signature is an
 * HMAC of the method, the URL without its query, and every query parameter but the signature,
 * sorted and percent-encoded, keyed with {@code consumer_secret&}.
 */
final class OAuth1 {

  private OAuth1() {}

  static boolean verify(
      String method, String baseUrl, Map<String, List<String>> query, String consumerSecret) {
    List<String> signatures = query.get("oauth_signature");
    String algorithm =
        switch (first(query, "oauth_signature_method")) {
          case "HMAC-SHA256" -> "HmacSHA256";
          case "HMAC-SHA1" -> "HmacSHA1";
          default -> null;
        };
    if (signatures == null || algorithm == null) {
      return false;
    }
    // One value per name: clients sign a parameter object, even when the URL repeats a name.
    List<String> pairs = new ArrayList<>();
    query.forEach(
        (key, values) -> {
          if (!key.equals("oauth_signature")) {
            pairs.add(encode(key) + "=" + encode(values.get(0)));
          }
        });
    pairs.sort(null);
    String base =
        method.toUpperCase() + "&" + encode(baseUrl) + "&" + encode(String.join("&", pairs));
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(
          new SecretKeySpec(
              (encode(consumerSecret) + "&").getBytes(StandardCharsets.UTF_8), algorithm));
      byte[] expected =
          Base64.getEncoder().encode(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
      return MessageDigest.isEqual(expected, signatures.get(0).getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return false;
    }
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  /** RFC 3986 percent-encoding, which OAuth requires (URLEncoder is form encoding). */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
