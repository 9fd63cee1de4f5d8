package com.storewire.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.InstanceBudget;
import com.storewire.connectors.core.InstanceShare;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.RefreshTokenKeeper;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.connectors.core.VendorLimit;
import com.storewire.events.ConnectorAlertReason;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Shopify's Admin API as the connectors need it: expiring offline tokens with a rotating refresh
 * token, the GraphQL endpoint, REST reads, pre-signed downloads, and Shopify's answers classified —
 * 401 is auth, THROTTLED (with HTTP 200) waits what its bucket says, 429 and 5xx wait Retry-After,
 * other errors are permanent.
 */
final class ShopifyAdmin {

  static final String API_VERSION = "2026-04";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long REST's bucket (restoring 2 requests a second on the Standard plan) takes for one. */
  private static final Duration REST_RESTORE = Duration.ofMillis(500);

  /** What Shopify charges for a mutation. */
  static final int MUTATION_COST = 10;

  private final String baseUrl;
  private final String clientId;
  private final String clientSecret;
  private final Pacer pacer;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));
  // A bulk result runs to megabytes from cloud storage: more time than an API answer gets.
  private final VendorHttp downloads = new VendorHttp(Duration.ofMinutes(2));
  private final Clock clock;
  private final String refreshToken;
  private final RefreshTokenKeeper keeper;

  /** This process's part of the app's cost bucket, in points. */
  private final InstanceBudget points;

  ShopifyAdmin(
      String baseUrl,
      String clientId,
      String clientSecret,
      String refreshToken,
      RefreshTokenKeeper keeper,
      Pacer pacer,
      InstanceBudget points,
      Clock clock) {
    this.baseUrl = baseUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshToken = refreshToken;
    this.keeper = keeper;
    this.pacer = pacer;
    this.points = points;
    this.clock = clock;
  }

  /**
   * Shopify as the connectors' configuration names it, signed in as the app whose refresh token is
   * under {@code refreshTokenKey}: each deployable has its own app, since each use replaces the
   * token, and {@code keeper} shares the latest among that deployable's processes. Each process
   * spends its part ({@link InstanceShare}) of the app's cost bucket, {@code points}.
   */
  static ShopifyAdmin from(
      Map<String, String> env,
      String refreshTokenKey,
      RefreshTokenKeeper keeper,
      VendorLimit points,
      Pacer pacer,
      Clock clock) {
    return new ShopifyAdmin(
        env.get("SHOPIFY_BASE_URL"),
        env.get("SHOPIFY_CLIENT_ID"),
        env.get("SHOPIFY_CLIENT_SECRET"),
        env.get(refreshTokenKey),
        keeper,
        pacer,
        InstanceShare.fromEnv(env).budget(points, clock),
        clock);
  }

  /** The "available" quantity among an inventory level's quantities, or null if it has none. */
  static Integer available(JsonNode quantities) {
    for (JsonNode quantity : quantities) {
      if ("available".equals(quantity.path("name").asText()) && quantity.path("quantity").isInt()) {
        return quantity.path("quantity").asInt();
      }
    }
    return null;
  }

  /** Exchanges the refresh token; Shopify replaces it with every use, so the keeper keeps it. */
  AccessToken.Issued refresh() {
    return keeper.exchange(
        refreshToken,
        current -> {
          ObjectNode body =
              JSON.createObjectNode()
                  .put("client_id", clientId)
                  .put("client_secret", clientSecret)
                  .put("grant_type", "refresh_token")
                  .put("refresh_token", current);
          // A spent or revoked refresh token answers 400 invalid_grant: granted() reports that as
          // the auth failure it is, where any other 400 would be an item Shopify rejected.
          JsonNode answer =
              VendorHttp.json(http.send(post("/admin/oauth/access_token", null, body)));
          return new RefreshTokenKeeper.Rotation(
              AccessToken.granted(answer, clock, 3600),
              answer.path("refresh_token").asText(current));
        });
  }

  /** Runs a GraphQL operation estimated at a mutation's cost (10 points). */
  JsonNode graphql(String token, String query, JsonNode variables) {
    return graphql(token, query, variables, MUTATION_COST);
  }

  /**
   * Runs a GraphQL operation; the answer's {@code data}, or a classified failure. It waits for
   * {@code estimatedCost} points of this process's part of the bucket, and settles with the cost
   * Shopify reports (nothing when throttled).
   */
  JsonNode graphql(String token, String query, JsonNode variables, int estimatedCost) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("variables", variables);
    points.acquire(estimatedCost);
    JsonNode answer =
        http.sendForJson(post("/admin/api/" + API_VERSION + "/graphql.json", token, body));
    JsonNode errors = answer.path("errors");
    boolean throttled = "THROTTLED".equals(errors.path(0).path("extensions").path("code").asText());
    JsonNode actual = answer.path("extensions").path("cost").path("actualQueryCost");
    // A throttled call costs nothing; an answer that does not say keeps the estimate.
    points.settle(
        (actual.isNumber() ? actual.asDouble() : throttled ? 0 : estimatedCost) - estimatedCost);
    if (errors.isArray() && !errors.isEmpty()) {
      if (throttled) {
        throw VendorFailure.retryable(
            ConnectorAlertReason.RATE_LIMITED, 200, bucketWait(answer), "THROTTLED");
      }
      throw VendorFailure.permanent(200, errors.path(0).path("message").asText(errors.toString()));
    }
    return answer.path("data");
  }

  /** A REST Admin resource's URL at this connector's API version, e.g. {@code orders.json?…}. */
  String restUrl(String resource) {
    return baseUrl + "/admin/api/" + API_VERSION + "/" + resource;
  }

  /**
   * GETs a REST Admin resource, or a page link Shopify handed out. REST has its own bucket,
   * reported in X-Shopify-Shop-Api-Call-Limit ({@code used/size}): when this call filled it, the
   * next one waits for a request to restore instead of meeting a 429.
   */
  VendorHttp.Answer get(String token, String url) {
    VendorHttp.Answer answer =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).header("X-Shopify-Access-Token", token).GET());
    VendorHttp.requireSuccess(answer);
    answer
        .header("X-Shopify-Shop-Api-Call-Limit")
        .map(limit -> limit.split("/"))
        .filter(usedOfSize -> usedOfSize.length == 2 && usedOfSize[0].equals(usedOfSize[1]))
        .ifPresent(full -> pacer.pauseFor(REST_RESTORE));
    return answer;
  }

  /** Downloads what a pre-signed URL Shopify handed out points to (a bulk result): no token. */
  String download(String url) {
    VendorHttp.Answer answer = downloads.send(HttpRequest.newBuilder(URI.create(url)).GET());
    VendorHttp.requireSuccess(answer);
    return answer.body();
  }

  /** Shopify reports its bucket in every answer: wait until the next call's cost has restored. */
  private Duration bucketWait(JsonNode answer) {
    JsonNode cost = answer.path("extensions").path("cost");
    double restore = cost.path("throttleStatus").path("restoreRate").asDouble(50);
    double missing =
        cost.path("requestedQueryCost").asDouble(10)
            - cost.path("throttleStatus").path("currentlyAvailable").asDouble(0);
    Duration wait = Duration.ofMillis((long) Math.ceil(Math.max(missing, 1) / restore * 1000));
    pacer.pauseFor(wait);
    return wait;
  }

  private HttpRequest.Builder post(String path, String token, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      request.header("X-Shopify-Access-Token", token);
    }
    return request;
  }
}
