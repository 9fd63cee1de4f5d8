package com.storewire.connectors.woocommerce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How WooCommerce wants its consumer key and secret: Basic over HTTPS, one-legged OAuth 1.0a
 * (HMAC-SHA256, parameters in the query) over plain HTTP, as its REST API docs say.
 */
final class WooCommerceAuth {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String consumerKey;
  private final String consumerSecret;

  WooCommerceAuth(String consumerKey, String consumerSecret) {
    this.consumerKey = consumerKey;
    this.consumerSecret = consumerSecret;
  }

  String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((consumerKey + ":" + consumerSecret).getBytes(StandardCharsets.UTF_8));
  }

  /** The URL with its query and the OAuth parameters, signed over method, URL and parameters. */
  String signedUrl(String method, String url, Map<String, String> query) {
    Map<String, String> parameters = new TreeMap<>(query);
    parameters.put("oauth_consumer_key", consumerKey);
    parameters.put("oauth_nonce", Long.toHexString(RANDOM.nextLong()));
    parameters.put("oauth_signature_method", "HMAC-SHA256");
    parameters.put("oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000));
    parameters.put("oauth_version", "1.0");
    String normalized =
        parameters.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String base = method + "&" + encode(url) + "&" + encode(normalized);
    parameters.put("oauth_signature", sign(base));
    return url
        + "?"
        + parameters.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  private String sign(String base) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              (encode(consumerSecret) + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3986 percent-encoding, which OAuth requires. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
