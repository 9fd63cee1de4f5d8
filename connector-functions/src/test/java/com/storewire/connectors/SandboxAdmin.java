package com.storewire.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.sandbox.core.SandboxServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * One vendor of the sandbox driven through its admin API, as a test drives a marketplace from
 * outside: its stock, buyers' orders and scripted faults.
 */
final class SandboxAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;

  SandboxAdmin(SandboxServer sandbox, String vendor) {
    this.url = "http://127.0.0.1:" + sandbox.port() + "/_admin/" + vendor + "/";
  }

  void stock(Map<String, Integer> quantities) {
    call("PUT", "stock", quantities);
  }

  /** A buyer orders one unit; the marketplace's order id. */
  String sell(String sku) {
    return call("POST", "sell", Map.of("sku", sku, "quantity", 1)).get("order_id").asText();
  }

  /** Scripts a fault for the next {@code requests} requests (or webhooks) it fits. */
  void fault(String kind, int requests) {
    call("POST", "faults", Map.of("kind", kind, "requests", requests));
  }

  /** Scripts a fault for every request until cleared. */
  void fault(String kind) {
    call("POST", "faults", Map.of("kind", kind));
  }

  void revokeTokens() {
    call("POST", "revoke-tokens", Map.of());
  }

  private JsonNode call(String method, String action, Object body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + action))
                  .header("Content-Type", "application/json")
                  .method(
                      method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(action + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    } catch (IOException e) {
      throw new IllegalStateException(action + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(action + " interrupted", e);
    }
  }
}
