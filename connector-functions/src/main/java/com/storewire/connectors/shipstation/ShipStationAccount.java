package com.storewire.connectors.shipstation;

import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * One ShipStation key pair: Basic {@code APIKey:APISecret} on every call, and the pair's 40
 * requests a minute paced by ShipStation's own {@code X-Rate-Limit-Remaining}/{@code -Reset}.
 */
final class ShipStationAccount {

  private final String baseUrl;
  private final String basicAuth;
  private final Pacer pacer;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  ShipStationAccount(Map<String, String> env, Pacer pacer) {
    this.baseUrl = env.get("SHIPSTATION_BASE_URL");
    this.basicAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (env.get("SHIPSTATION_API_KEY") + ":" + env.get("SHIPSTATION_API_SECRET"))
                        .getBytes(StandardCharsets.UTF_8));
    this.pacer = pacer;
  }

  String basicAuth() {
    return basicAuth;
  }

  String baseUrl() {
    return baseUrl;
  }

  Pacer pacer() {
    return pacer;
  }

  /** Sends with the given credential and slows down when the window's calls are used up. */
  VendorHttp.Answer send(String credential, URI uri, HttpRequest.Builder request) {
    VendorHttp.Answer answer = http.send(request.uri(uri).header("Authorization", credential));
    if ("0".equals(answer.header("X-Rate-Limit-Remaining").orElse(""))) {
      pacer.pauseFor(
          Duration.ofSeconds(Long.parseLong(answer.header("X-Rate-Limit-Reset").orElse("60"))));
    }
    VendorHttp.requireSuccess(answer);
    return answer;
  }
}
