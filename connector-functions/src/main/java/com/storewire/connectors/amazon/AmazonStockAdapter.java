package com.storewire.connectors.amazon;

import static com.storewire.connectors.amazon.SellingPartnerApi.encode;
import static com.storewire.connectors.amazon.SellingPartnerApi.requireField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.InstanceBudget;
import com.storewire.connectors.core.InstanceShare;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.StockAdapter;
import com.storewire.connectors.core.StockUpdate;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.connectors.core.VendorLimit;
import com.storewire.events.SystemId;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon stock on two paths, since SP-API has no bulk call that is also fast:
 *
 * <ul>
 *   <li>urgent updates and small batches: one {@code patchListingsItem} (merge of
 *       fulfillment_availability) per SKU, within this instance's part of the usage plan (5/s,
 *       burst 10, shared by every instance: {@link InstanceShare});
 *   <li>routine batches of more than five: one {@code JSON_LISTINGS_FEED} (createFeedDocument,
 *       upload, createFeed, getFeed until done, then the processing report for per-item results). A
 *       feed takes up to 25,000 SKUs, but Amazon accepts only 5 feeds per 5 minutes per region (and
 *       createFeed alone 0.0083/s): past this instance's part of that quota a batch is patched item
 *       by item, so a quota never holds updates back. Routine updates wait a longer window ({@code
 *       AMAZON_FEED_WINDOW_MS}, 1 s) to batch.
 * </ul>
 *
 * Login with Amazon tokens (an hour) are refreshed by the core. An INVALID submission or an ERROR
 * in the processing report is refused for good; 403 is auth.
 */
final class AmazonStockAdapter implements StockAdapter {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Up to this many SKUs, single PATCHes (a second at 5/s) beat a feed's five calls. */
  private static final int PATCHES_AT_MOST = 5;

  private static final String FEEDS = "/feeds/2021-06-30";

  private final SellingPartnerApi api;
  private final Pacer pacer;
  private final Clock clock;
  private final Duration feedWindow;
  private final InstanceBudget patches;
  private final InstanceBudget feeds;
  private final InstanceBudget feedPolls;
  private final Duration feedDeadline;

  AmazonStockAdapter(Map<String, String> env, Pacer pacer, Clock clock) {
    this.api = new SellingPartnerApi(env, clock);
    this.pacer = pacer;
    this.clock = clock;
    this.feedWindow =
        Duration.ofMillis(Long.parseLong(env.getOrDefault("AMAZON_FEED_WINDOW_MS", "1000")));
    this.feedDeadline =
        Duration.ofMillis(Long.parseLong(env.getOrDefault("AMAZON_FEED_DEADLINE_MS", "180000")));
    InstanceShare share = InstanceShare.fromEnv(env);
    this.patches = share.budget(VendorLimit.AMAZON_LISTINGS_ITEMS, clock);
    this.feeds = share.budget(VendorLimit.AMAZON_LISTINGS_FEEDS, clock);
    this.feedPolls = share.budget(VendorLimit.AMAZON_GET_FEED, clock);
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
    return "patchListingsItem|JSON_LISTINGS_FEED";
  }

  /** A JSON_LISTINGS_FEED's documented maximum. */
  @Override
  public int maxBatch() {
    return 25_000;
  }

  @Override
  public Duration routineWindow(Duration standard) {
    return feedWindow.compareTo(standard) > 0 ? feedWindow : standard;
  }

  @Override
  public AccessToken.Issued refresh() {
    return api.refresh();
  }

  @Override
  public Map<String, VendorFailure> apply(String token, List<StockUpdate> batch) {
    boolean urgent = batch.stream().anyMatch(StockUpdate::urgent);
    return urgent || batch.size() <= PATCHES_AT_MOST || !feeds.tryTake(1)
        ? patch(token, batch)
        : feed(token, batch);
  }

  private Map<String, VendorFailure> patch(String token, List<StockUpdate> batch) {
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    for (StockUpdate update : batch) {
      ObjectNode body =
          withAvailabilityPatch(
              JSON.createObjectNode().put("productType", "PRODUCT"), update.quantity());
      awaitPlan();
      patches.acquire(1);
      VendorHttp.Answer answer =
          api.send(
              api.request(
                      "/listings/2021-08-01/items/"
                          + encode(api.sellerId())
                          + "/"
                          + encode(update.sku())
                          + "?marketplaceIds="
                          + encode(api.marketplaceId()),
                      token)
                  .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
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

  /**
   * One JSON_LISTINGS_FEED for the batch; message ids are positions in the batch, which is how the
   * processing report names the items it refused.
   */
  private Map<String, VendorFailure> feed(String token, List<StockUpdate> batch) {
    ObjectNode document = JSON.createObjectNode();
    document.putObject("header").put("sellerId", api.sellerId()).put("version", "2.0");
    ArrayNode messages = document.putArray("messages");
    for (int i = 0; i < batch.size(); i++) {
      withAvailabilityPatch(
          messages
              .addObject()
              .put("messageId", i + 1)
              .put("sku", batch.get(i).sku())
              .put("operationType", "PATCH")
              .put("productType", "PRODUCT"),
          batch.get(i).quantity());
    }
    JsonNode upload;
    try {
      upload =
          requireField(
              api.sendForJson(
                  api.request(FEEDS + "/documents", token)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"contentType\":\"application/json; charset=UTF-8\"}"))),
              "url");
      // The upload URL is pre-signed storage: it must not see the access token.
      VendorHttp.requireSuccess(
          api.send(
              HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                  .header("Content-Type", "application/json; charset=UTF-8")
                  .PUT(HttpRequest.BodyPublishers.ofString(document.toString()))));
    } catch (RuntimeException beforeCreateFeed) {
      feeds.settle(-1); // no feed was created: the retry may use the quota again
      throw beforeCreateFeed;
    }
    ObjectNode create = JSON.createObjectNode().put("feedType", "JSON_LISTINGS_FEED");
    create.putArray("marketplaceIds").add(api.marketplaceId());
    create.put("inputFeedDocumentId", upload.path("feedDocumentId").asText());
    String feedId =
        requireField(
                api.sendForJson(
                    api.request(FEEDS + "/feeds", token)
                        .POST(HttpRequest.BodyPublishers.ofString(create.toString()))),
                "feedId")
            .path("feedId")
            .asText();
    JsonNode report = processingReport(token, awaitDone(token, feedId));
    if (!report.path("summary").isObject()) {
      throw VendorFailure.unexpected(null, "feed " + feedId + ": no summary in its report");
    }
    Map<String, VendorFailure> refused = new LinkedHashMap<>();
    for (JsonNode issue : report.path("issues")) {
      int position = issue.path("messageId").asInt(0) - 1;
      if ("ERROR".equals(issue.path("severity").asText())
          && position >= 0
          && position < batch.size()) {
        refused.put(
            batch.get(position).sku(),
            VendorFailure.permanent(
                null, issue.path("code").asText() + " " + issue.path("message").asText()));
      }
    }
    return refused;
  }

  /**
   * The same patch in a PATCH body and in a feed message: merge keeps restock dates and handling
   * times as they are.
   */
  private static ObjectNode withAvailabilityPatch(ObjectNode listing, int quantity) {
    listing
        .putArray("patches")
        .addObject()
        .put("op", "merge")
        .put("path", "/attributes/fulfillment_availability")
        .putArray("value")
        .addObject()
        .put("fulfillment_channel_code", "DEFAULT")
        .put("quantity", quantity);
    return listing;
  }

  /** Polls getFeed within its 2/s plan until Amazon has processed the feed. */
  private JsonNode awaitDone(String token, String feedId) {
    Instant deadline = clock.instant().plus(feedDeadline);
    while (true) {
      feedPolls.acquire(1);
      JsonNode feed =
          requireField(
              api.sendForJson(api.request(FEEDS + "/feeds/" + encode(feedId), token).GET()),
              "processingStatus");
      String status = feed.path("processingStatus").asText();
      switch (status) {
        case "DONE":
          return feed;
        case "CANCELLED", "FATAL":
          throw VendorFailure.unexpected(null, "feed " + feedId + " ended " + status);
        default:
          if (clock.instant().isAfter(deadline)) {
            throw VendorFailure.unexpected(
                null, "feed " + feedId + " still " + status + " after " + feedDeadline);
          }
          sleep(Duration.ofMillis(500));
      }
    }
  }

  private JsonNode processingReport(String token, JsonNode feed) {
    JsonNode document =
        requireField(
            api.sendForJson(
                api.request(
                        FEEDS + "/documents/" + encode(feed.path("resultFeedDocumentId").asText()),
                        token)
                    .GET()),
            "url");
    return api.sendForJson(HttpRequest.newBuilder(URI.create(document.path("url").asText())).GET());
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VendorFailure.unexpected(null, "interrupted while waiting for a feed");
    }
  }

  private void awaitPlan() {
    try {
      pacer.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
