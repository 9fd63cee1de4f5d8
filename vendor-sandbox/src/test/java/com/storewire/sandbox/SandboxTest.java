package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.sandbox.core.SandboxServer;
import com.storewire.sandbox.vendors.EbayImitation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh sandbox per test on a free port, and a plain HTTP client to talk to it. */
abstract class SandboxTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final VendorSandbox.Credentials CREDENTIALS = VendorSandbox.Credentials.local();

  SandboxServer sandbox;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeEach
  void startSandbox() {
    sandbox = VendorSandbox.start(0, 42, CREDENTIALS);
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  Answer send(String method, String vendorPath, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.port() + vendorPath))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + vendorPath + " failed", e);
    }
  }

  Answer admin(String method, String path, String body) {
    return send(method, "/_admin" + path, body, "Content-Type", "application/json");
  }

  /**
   * JSON as text, to compare what an API listed with what a webhook carried: a recorded node holds
   * longs where a parsed one holds ints, which JsonNode equality tells apart.
   */
  static List<String> texts(Iterable<? extends JsonNode> nodes) {
    List<String> texts = new ArrayList<>();
    nodes.forEach(node -> texts.add(node.toString()));
    return texts;
  }

  /** Sells through the admin API; the marketplace's own order id. */
  String sell(String vendor, String sku, int quantity) {
    return admin(
            "POST",
            "/" + vendor + "/sell",
            "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}")
        .json()
        .get("order_id")
        .asText();
  }

  /** An eBay user access token, by the refresh-token grant with the client's Basic credentials. */
  String ebayToken() {
    Answer answer =
        send(
            "POST",
            "/ebay/identity/v1/oauth2/token",
            "grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(CREDENTIALS.ebayRefreshToken(), StandardCharsets.UTF_8),
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Authorization",
            basic(EbayImitation.CLIENT_ID, CREDENTIALS.ebayClientSecret()));
    assertThat(answer.json().get("expires_in").asInt()).isEqualTo(7200);
    return answer.json().get("access_token").asText();
  }

  static String basic(String user, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
