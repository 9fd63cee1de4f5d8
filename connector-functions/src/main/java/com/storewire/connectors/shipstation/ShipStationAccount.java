package com.storewire.connectors.shipstation;

import com.storewire.connectors.core.InstanceBudget;
import com.storewire.connectors.core.InstanceShare;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.connectors.core.VendorLimit;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * One ShipStation key pair: Basic {@code APIKey:APISecret} on every call, and the pair's 40
 * requests a minute, which both ShipStation functions and all their instances share: each process
 * keeps to its part ({@link InstanceShare}), and ShipStation's own {@code X-Rate-Limit-Remaining}/
 * {@code -Reset} still pause it when the window is used up.
 */
final class ShipStationAccount {

  private final String baseUrl;
  private final String basicAuth;
  private final Pacer pacer;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));
  private final InstanceBudget requests;

  ShipStationAccount(Map<String, String> env, Pacer pacer, Clock clock) {
    this.baseUrl = env.get("SHIPSTATION_BASE_URL");
    this.basicAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (env.get("SHIPSTATION_API_KEY") + ":" + env.get("SHIPSTATION_API_SECRET"))
                        .getBytes(StandardCharsets.UTF_8));
    this.pacer = pacer;
    this.requests = InstanceShare.fromEnv(env).budget(VendorLimit.SHIPSTATION, clock);
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
    requests.acquire(1);
    VendorHttp.Answer answer = http.send(request.uri(uri).header("Authorization", credential));
    if ("0".equals(answer.header("X-Rate-Limit-Remaining").orElse(""))) {
      pacer.pauseFor(
          Duration.ofSeconds(Long.parseLong(answer.header("X-Rate-Limit-Reset").orElse("60"))));
    }
    VendorHttp.requireSuccess(answer);
    return answer;
  }
}
