package com.storewire.connectors.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * eBay's Sell APIs as every eBay connector calls them: OAuth user tokens refreshed with the
 * client's Basic credentials, the token as a Bearer, and eBay's answers classified: 401 (errorId
 * 1001) and 400 errorId 1002 are auth; 429 (with Retry-After) and 5xx are retryable; any other 4xx
 * is permanent.
 */
final class EbaySellApi {

  private final String baseUrl;
  private final String basicCredentials;
  private final String refreshToken;
  private final Clock clock;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  EbaySellApi(Map<String, String> env, Clock clock) {
    this.baseUrl = env.get("EBAY_BASE_URL");
    this.basicCredentials =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (env.get("EBAY_CLIENT_ID") + ":" + env.get("EBAY_CLIENT_SECRET"))
                        .getBytes(StandardCharsets.UTF_8));
    this.refreshToken = env.get("EBAY_REFRESH_TOKEN");
    this.clock = clock;
  }

  AccessToken.Issued refresh() {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
    JsonNode answer =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/identity/v1/oauth2/token"))
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    return AccessToken.granted(answer, clock, 7200);
  }

  JsonNode get(String pathAndQuery, String token) {
    return send(request(pathAndQuery, token).GET());
  }

  JsonNode post(String path, String token, JsonNode body) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private HttpRequest.Builder request(String pathAndQuery, String token) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .header("Authorization", "Bearer " + token);
  }

  /** eBay answers some auth failures with 400 and an error id (1002: missing token). */
  private JsonNode send(HttpRequest.Builder request) {
    VendorHttp.Answer answer = http.send(request);
    JsonNode json = VendorHttp.json(answer);
    int errorId = json.path("errors").path(0).path("errorId").asInt();
    if (errorId == 1001 || errorId == 1002) {
      throw VendorFailure.auth(answer.status(), answer.body());
    }
    VendorHttp.requireSuccess(answer);
    return json;
  }
}
