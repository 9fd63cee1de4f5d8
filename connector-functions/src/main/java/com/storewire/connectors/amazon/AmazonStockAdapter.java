package com.storewire.connectors.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.StockAdapter;
import com.storewire.connectors.core.StockUpdate;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.SystemId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon stock through the Listings Items API: one {@code patchListingsItem} (merge of
 * fulfillment_availability) per SKU, spaced by the usage plan Amazon reports in {@code
 * x-amzn-RateLimit-Limit}; Login with Amazon tokens (an hour) refreshed by the core. An INVALID
 * submission is refused for good; 403 is auth. (Large catch-ups would go through JSON_LISTINGS_FEED
 * instead; createFeed's 0.0083/s plan makes it wrong for live updates.)
 */
final class AmazonStockAdapter implements StockAdapter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String lwaUrl;
  private final String apiUrl;
  private final String clientId;
  private final String clientSecret;
  private final String refreshToken;
  private final String sellerId;
  private final String marketplaceId;
  private final Pacer pacer;
  private final Clock clock;
  private final VendorHttp http = new VendorHttp(Duration.ofSeconds(10));

  AmazonStockAdapter(Map<String, String> env, Pacer pacer, Clock clock) {
    this.lwaUrl = env.get("AMAZON_LWA_URL");
    this.apiUrl = env.get("AMAZON_SP_API_URL");
    this.clientId = env.get("AMAZON_CLIENT_ID");
    this.clientSecret = env.get("AMAZON_CLIENT_SECRET");
    this.refreshToken = env.get("AMAZON_REFRESH_TOKEN");
    this.sellerId = env.get("AMAZON_SELLER_ID");
    this.marketplaceId = env.getOrDefault("AMAZON_MARKETPLACE_ID", "ATVPDKIKX0DER");
    this.pacer = pacer;
    this.clock = clock;
  }

  @Override
  public SystemId vendor() {
    return SystemId.AMAZON;
  }

  @Override
  public String channel() {
    return "amazon";
  }

  @Override
  public String operation() {
    return "patchListingsItem";
  }

  /** One PATCH per SKU; ten per flush keeps a flush within a couple of seconds at 5/s. */
  @Override
  public int maxBatch() {
    return 10;
  }

  @Override
  public AccessToken.Issued refresh() {
    String form =
        "grant_type=refresh_token&refresh_token="
            + encode(refreshToken)
            + "&client_id="
            + encode(clientId)
            + "&client_secret="
            + encode(clientSecret);
    JsonNode answer =
        http.sendForJson(
            HttpRequest.newBuilder(URI.create(lwaUrl + "/auth/o2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    return AccessToken.granted(answer, clock, 3600);
  }

  @Override
  public Map<String, VendorFailure> apply(String token, List<StockUpdate> batch) {
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    for (StockUpdate update : batch) {
      ObjectNode body = JSON.createObjectNode().put("productType", "PRODUCT");
      body.putArray("patches")
          .addObject()
          .put("op", "merge")
          .put("path", "/attributes/fulfillment_availability")
          .putArray("value")
          .addObject()
          .put("fulfillment_channel_code", "DEFAULT")
          .put("quantity", update.quantity());
      awaitPlan();
      VendorHttp.Answer answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          apiUrl
                              + "/listings/2021-08-01/items/"
                              + encode(sellerId)
                              + "/"
                              + encode(update.sku())
                              + "?marketplaceIds="
                              + encode(marketplaceId)))
                  .header("x-amz-access-token", token)
                  .header("Content-Type", "application/json")
                  .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
      answer.header("x-amzn-RateLimit-Limit").ifPresent(this::followPlan);
      VendorHttp.requireSuccess(answer);
      JsonNode submission = VendorHttp.json(answer);
      if (!submission.path("status").isTextual()) {
        throw VendorFailure.unexpected(answer.status(), "no submission status");
      }
      if (!"ACCEPTED".equals(submission.path("status").asText())) {
        refused.put(
            update.sku(),
            VendorFailure.permanent(
                answer.status(),
                submission
                    .path("issues")
                    .path(0)
                    .path("message")
                    .asText(submission.path("status").asText())));
      }
    }
    return refused;
  }

  private void awaitPlan() {
    try {
      pacer.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Amazon's usage plan (requests per second) spaces the next call. */
  private void followPlan(String requestsPerSecond) {
    try {
      double rate = Double.parseDouble(requestsPerSecond);
      if (rate > 0) {
        pacer.pauseFor(Duration.ofMillis((long) Math.ceil(1000 / rate)));
      }
    } catch (NumberFormatException ignored) {
      // A header we cannot read leaves the pacing as it was; 429s still back off.
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
