package com.storewire.reconciliation.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Order-intake's synchronous API as the job uses it: the truth of stock (read), whether it has an
 * order (read), and a recovered order handed to it as the marketplace's webhook would.
 */
public final class OrderIntakeClient {

  /** Where each marketplace's webhook is received. */
  private static final Map<String, String> WEBHOOK_PATHS =
      Map.of(
          "shopify", "/v1/webhooks/shopify/orders-create",
          "woocommerce", "/v1/webhooks/woocommerce/order-created",
          "ebay", "/v1/webhooks/ebay/notifications",
          "amazon", "/v1/webhooks/amazon/order-change");

  public static final String RECOVERY_SIGNATURE = "X-Storewire-Recovery-Signature";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 100;

  /** A channel's figures, as an AvailabilityChanged for it would carry them. */
  public record ChannelTruth(long sellable, int buffer, boolean ringFenced, Integer lot) {}

  /** One SKU's truth at one read. */
  public record SkuTruth(
      String sku,
      long onHand,
      long reserved,
      long safetyStock,
      long version,
      Instant changedAt,
      Map<String, ChannelTruth> channels) {

    /** Units held in ring-fenced channels' lots. */
    public int ringFencedUnits() {
      return (int)
          channels.values().stream()
              .filter(ChannelTruth::ringFenced)
              .mapToLong(ChannelTruth::sellable)
              .sum();
    }
  }

  /** A page of the partition's SKUs; {@code nextPageToken} is null on the last page. */
  public record Page(List<SkuTruth> items, String nextPageToken) {}

  private final String baseUrl;
  private final byte[] recoverySecret;
  private final Supplier<String> identityToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private long calls;

  public OrderIntakeClient(String baseUrl, String recoverySecret) {
    this(baseUrl, recoverySecret, () -> null);
  }

  /**
   * @param identityToken an OIDC token for order-intake's URL (Cloud Run lets in only its
   *     invokers), or null where nothing checks one (the local stack)
   */
  public OrderIntakeClient(String baseUrl, String recoverySecret, Supplier<String> identityToken) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.recoverySecret = recoverySecret.getBytes(StandardCharsets.UTF_8);
    this.identityToken = identityToken;
  }

  /** One page of the SKUs in partition {@code index} of {@code count}, by SKU. */
  public Page page(int index, int count, int pageSize, String pageToken) {
    StringBuilder query =
        new StringBuilder("/v1/availability?partition=")
            .append(index)
            .append("&partitions=")
            .append(count)
            .append("&page_size=")
            .append(pageSize);
    if (pageToken != null) {
      query.append("&page_token=").append(encode(pageToken));
    }
    JsonNode answer = getJson(query.toString());
    List<SkuTruth> items = new ArrayList<>();
    answer.path("items").forEach(item -> items.add(truth(item)));
    String next = answer.path("next_page_token").asText(null);
    return new Page(items, next == null || next.isEmpty() ? null : next);
  }

  /** The SKUs among these that order-intake has never received stock for. */
  public List<String> unknown(Collection<String> skus) {
    List<String> unknown = new ArrayList<>();
    batches(skus, answer -> answer.path("unknown").forEach(u -> unknown.add(u.asText())));
    return unknown;
  }

  /** The truth of these SKUs, by SKU; unknown ones are absent. */
  public Map<String, SkuTruth> truths(Collection<String> skus) {
    Map<String, SkuTruth> truths = new LinkedHashMap<>();
    batches(
        skus,
        answer ->
            answer
                .path("items")
                .forEach(
                    item -> {
                      SkuTruth truth = truth(item);
                      truths.put(truth.sku(), truth);
                    }));
    return truths;
  }

  private void batches(Collection<String> skus, java.util.function.Consumer<JsonNode> answers) {
    List<String> all = skus.stream().distinct().toList();
    for (int from = 0; from < all.size(); from += BATCH) {
      StringBuilder query = new StringBuilder("/v1/availability?");
      for (String sku : all.subList(from, Math.min(all.size(), from + BATCH))) {
        query.append("sku=").append(encode(sku)).append('&');
      }
      answers.accept(getJson(query.substring(0, query.length() - 1)));
    }
  }

  /** Whether order-intake holds this order ({@code channel-orderId}). */
  public boolean hasOrder(String orderId) {
    HttpResponse<String> answer = send(get("/v1/orders/" + encode(orderId)));
    if (answer.statusCode() == 404) {
      return false;
    }
    requireOk(answer);
    return true;
  }

  /**
   * Hands a polled order to order-intake's webhook endpoint for its marketplace, signed by this
   * job. Returns order-intake's receipt status ({@code reserved}, {@code duplicate}, …).
   */
  public String redeliver(String channel, byte[] webhookBody) {
    String path = WEBHOOK_PATHS.get(channel);
    if (path == null) {
      throw new IllegalArgumentException("no webhook endpoint for channel " + channel);
    }
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header(RECOVERY_SIGNATURE, sign(webhookBody))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhookBody)));
    requireOk(answer);
    return json(answer).path("status").asText("unknown");
  }

  /** Calls made so far. */
  public synchronized long calls() {
    return calls;
  }

  String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(recoverySecret, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SkuTruth truth(JsonNode item) {
    Map<String, ChannelTruth> channels = new LinkedHashMap<>();
    item.path("channels")
        .fields()
        .forEachRemaining(
            c ->
                channels.put(
                    c.getKey(),
                    new ChannelTruth(
                        c.getValue().path("sellable").asLong(),
                        c.getValue().path("buffer").asInt(),
                        c.getValue().path("ring_fenced").asBoolean(),
                        c.getValue().path("lot").isNumber()
                            ? c.getValue().path("lot").asInt()
                            : null)));
    return new SkuTruth(
        item.path("sku").asText(),
        item.path("on_hand").asLong(),
        item.path("reserved").asLong(),
        item.path("safety_stock").asLong(),
        item.path("version").asLong(),
        Instant.parse(item.path("changed_at").asText()),
        channels);
  }

  private JsonNode getJson(String pathAndQuery) {
    HttpResponse<String> answer = send(get(pathAndQuery));
    requireOk(answer);
    return json(answer);
  }

  private HttpRequest.Builder get(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .header("Accept", "application/json")
        .GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    synchronized (this) {
      calls++;
    }
    String token = identityToken.get();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("order-intake did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void requireOk(HttpResponse<String> answer) {
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException(
          "order-intake answered "
              + answer.statusCode()
              + " to "
              + answer.request().uri()
              + ": "
              + answer.body());
    }
  }

  private static JsonNode json(HttpResponse<String> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("order-intake's answer is not JSON: " + answer.body(), e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
