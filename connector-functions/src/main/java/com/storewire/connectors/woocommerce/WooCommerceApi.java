package com.storewire.connectors.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A WooCommerce site's REST v3 API ({@code /wp-json/wc/v3}) as every WooCommerce connector calls
 * it: the consumer key and secret in the form the site's scheme wants, JSON in and out.
 */
final class WooCommerceApi {

  /**
   * What the core's {@link AccessToken} holds for WooCommerce: consumer keys do not expire, and a
   * revoked one shows as 401 and is alerted.
   */
  static final AccessToken.Issued CONSUMER_KEY =
      new AccessToken.Issued("consumer-key", Instant.MAX);

  private final String apiUrl;
  private final WooCommerceAuth auth;
  private final boolean https;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  WooCommerceApi(String siteUrl, String consumerKey, String consumerSecret) {
    this.apiUrl = siteUrl + "/wp-json/wc/v3";
    this.auth = new WooCommerceAuth(consumerKey, consumerSecret);
    this.https = siteUrl.startsWith("https://");
  }

  /** The site and key the connectors' configuration names. */
  static WooCommerceApi from(Map<String, String> env) {
    return new WooCommerceApi(
        env.get("WOOCOMMERCE_SITE_URL"),
        env.get("WOOCOMMERCE_CONSUMER_KEY"),
        env.get("WOOCOMMERCE_CONSUMER_SECRET"));
  }

  /** Sends and requires success: the answer with its headers (the list totals are there). */
  VendorHttp.Answer send(String method, String path, Map<String, String> query, JsonNode body) {
    String url = apiUrl + path;
    HttpRequest.Builder request;
    if (https) {
      String queryString =
          query.entrySet().stream()
              .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      request =
          HttpRequest.newBuilder(URI.create(queryString.isEmpty() ? url : url + "?" + queryString))
              .header("Authorization", auth.basic());
    } else {
      request = HttpRequest.newBuilder(URI.create(auth.signedUrl(method, url, query)));
    }
    request
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
    VendorHttp.Answer answer = http.send(request);
    VendorHttp.requireSuccess(answer);
    return answer;
  }

  /** Sends, requires success, and reads the answer as JSON. */
  JsonNode json(String method, String path, Map<String, String> query, JsonNode body) {
    return VendorHttp.json(send(method, path, query, body));
  }
}
