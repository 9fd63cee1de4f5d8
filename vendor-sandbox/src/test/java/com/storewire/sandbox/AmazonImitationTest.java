package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.storewire.sandbox.vendors.AmazonImitation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AmazonImitationTest extends SandboxTest {

  private static final String LISTING = "/amazon/listings/2021-08-01/items/SELLER1/";

  private String token() {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(CREDENTIALS.amazonRefreshToken(), StandardCharsets.UTF_8)
            + "&client_id="
            + URLEncoder.encode(AmazonImitation.CLIENT_ID, StandardCharsets.UTF_8)
            + "&client_secret="
            + CREDENTIALS.amazonClientSecret();
    Answer answer =
        send(
            "POST",
            "/amazon/auth/o2/token",
            form,
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(answer.json().get("expires_in").asInt()).isEqualTo(3600);
    assertThat(answer.json().get("access_token").asText()).startsWith("Atza|");
    return answer.json().get("access_token").asText();
  }

  private Answer patch(String token, String sku, int quantity) {
    return send(
        "PATCH",
        LISTING + sku + "?marketplaceIds=ATVPDKIKX0DER",
        "{\"productType\":\"SHIRT\",\"patches\":[{\"op\":\"merge\",\"path\":\"/attributes/fulfillment_availability\",\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":"
            + quantity
            + "}]}]}",
        "Content-Type",
        "application/json",
        "x-amz-access-token",
        token);
  }

  @Test
  void listingsAreLimitedToBurst10Then5PerSecondWithTheDocumentedThrottleBody() throws Exception {
    admin("PUT", "/amazon/stock", "{\"MUG-1\":3}");
    String token = token();
    int accepted = 0;
    Answer throttled = null;
    long start = System.nanoTime();
    while (throttled == null && accepted < 100) {
      Answer answer = patch(token, "MUG-1", 2);
      if (answer.status() == 200) {
        accepted++;
      } else {
        throttled = answer;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(accepted).isBetween(10, 10 + (int) Math.ceil(seconds * 5) + 1);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().at("/errors/0/code").asText()).isEqualTo("QuotaExceeded");
    assertThat(throttled.json().at("/errors/0/message").asText())
        .isEqualTo("You exceeded your quota for the requested resource.");
    assertThat(throttled.header("x-amzn-RateLimit-Limit")).isEqualTo("5.0");
    Thread.sleep(450);
    assertThat(patch(token, "MUG-1", 2).status()).isEqualTo(200);
    Answer read =
        send(
            "GET",
            LISTING + "MUG-1?marketplaceIds=ATVPDKIKX0DER&includedData=fulfillmentAvailability",
            null,
            "x-amz-access-token",
            token);
    assertThat(read.status()).isIn(200, 429);
  }

  @Test
  void anExpiredTokenIs403WithTheUnauthorizedBody() {
    admin("PUT", "/amazon/stock", "{\"MUG-2\":3}");
    String token = token();
    admin("POST", "/amazon/revoke-tokens", "");

    Answer answer = patch(token, "MUG-2", 1);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().at("/errors/0/code").asText()).isEqualTo("Unauthorized");
    assertThat(answer.json().at("/errors/0/details").asText())
        .contains("revoked, malformed or invalid");
    assertThat(answer.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
  }

  @Test
  void aJsonListingsFeedIsUploadedProcessedAndReportedItemByItem() {
    admin("PUT", "/amazon/stock", "{\"MUG-3\":1,\"MUG-4\":1}");
    String token = token();
    Answer document =
        send(
            "POST",
            "/amazon/feeds/2021-06-30/documents",
            "{\"contentType\":\"application/json; charset=UTF-8\"}",
            "Content-Type",
            "application/json",
            "x-amz-access-token",
            token);
    String feed =
        "{\"header\":{\"sellerId\":\"SELLER1\",\"version\":\"2.0\"},\"messages\":["
            + "{\"messageId\":1,\"sku\":\"MUG-3\",\"operationType\":\"PATCH\",\"productType\":\"MUG\",\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\",\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":9}]}]},"
            + "{\"messageId\":2,\"sku\":\"NOPE\",\"operationType\":\"PATCH\",\"productType\":\"MUG\",\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\",\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":9}]}]}]}";
    String uploadPath = document.json().get("url").asText().replaceFirst("http://[^/]+", "");
    assertThat(send("PUT", uploadPath, feed, "Content-Type", "application/json").status())
        .isEqualTo(200);
    Answer created =
        send(
            "POST",
            "/amazon/feeds/2021-06-30/feeds",
            "{\"feedType\":\"JSON_LISTINGS_FEED\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"],\"inputFeedDocumentId\":\""
                + document.json().get("feedDocumentId").asText()
                + "\"}",
            "Content-Type",
            "application/json",
            "x-amz-access-token",
            token);
    List<String> statuses = new ArrayList<>();
    Answer status;
    do {
      status =
          send(
              "GET",
              "/amazon/feeds/2021-06-30/feeds/" + created.json().get("feedId").asText(),
              null,
              "x-amz-access-token",
              token);
      statuses.add(status.json().get("processingStatus").asText());
    } while (!statuses.get(statuses.size() - 1).equals("DONE") && statuses.size() < 5);
    Answer result =
        send(
            "GET",
            "/amazon/feeds/2021-06-30/documents/"
                + status.json().get("resultFeedDocumentId").asText(),
            null,
            "x-amz-access-token",
            token);
    Answer report =
        send("GET", result.json().get("url").asText().replaceFirst("http://[^/]+", ""), null);

    assertThat(created.status()).isEqualTo(202);
    assertThat(statuses).containsExactly("IN_PROGRESS", "DONE");
    assertThat(report.json().at("/summary/messagesAccepted").asInt()).isEqualTo(1);
    assertThat(report.json().at("/summary/messagesInvalid").asInt()).isEqualTo(1);
    assertThat(report.json().at("/issues/0/messageId").asInt()).isEqualTo(2);
    assertThat(admin("GET", "/amazon/state", null).json().at("/stock/MUG-3").asInt()).isEqualTo(9);
  }

  private Answer get(String token, String path) {
    return send("GET", "/amazon" + path, null, "x-amz-access-token", token);
  }

  private Answer createListingsReport(String token) {
    return send(
        "POST",
        "/amazon/reports/2021-06-30/reports",
        "{\"reportType\":\"GET_MERCHANT_LISTINGS_ALL_DATA\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"]}",
        "Content-Type",
        "application/json",
        "x-amz-access-token",
        token);
  }

  /** Polls getReport until processing ends; the statuses seen, in order. */
  private List<String> pollReport(String token, String reportId, List<Answer> answers) {
    List<String> statuses = new ArrayList<>();
    do {
      Answer answer = get(token, "/reports/2021-06-30/reports/" + reportId);
      answers.add(answer);
      statuses.add(answer.json().get("processingStatus").asText());
    } while (List.of("IN_QUEUE", "IN_PROGRESS").contains(statuses.get(statuses.size() - 1))
        && statuses.size() < 5);
    return statuses;
  }

  @Test
  void theListingsReportIsGeneratedOverPollsAndServedAsTabSeparatedRowsByColumnName() {
    admin("PUT", "/amazon/stock", "{\"R-1\":4,\"R-2\":0,\"R-3\":17}");
    String token = token();

    Answer created = createListingsReport(token);
    List<Answer> polls = new ArrayList<>();
    List<String> statuses = pollReport(token, created.json().get("reportId").asText(), polls);
    Answer done = polls.get(polls.size() - 1);
    Answer document =
        get(token, "/reports/2021-06-30/documents/" + done.json().get("reportDocumentId").asText());
    Answer file =
        send("GET", document.json().get("url").asText().replaceFirst("http://[^/]+", ""), null);

    assertThat(created.status()).isEqualTo(202);
    assertThat(created.header("x-amzn-RateLimit-Limit")).isEqualTo("0.0167");
    assertThat(statuses).containsExactly("IN_PROGRESS", "DONE");
    assertThat(done.header("x-amzn-RateLimit-Limit")).isEqualTo("2.0");
    assertThat(done.json().get("reportType").asText()).isEqualTo("GET_MERCHANT_LISTINGS_ALL_DATA");
    assertThat(file.header("Content-Type")).startsWith("text/tab-separated-values");
    List<String> lines = file.body().lines().toList();
    List<String> header = List.of(lines.get(0).split("\t"));
    assertThat(header).contains("item-name", "listing-id", "seller-sku", "quantity", "status");
    Map<String, String> quantities = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split("\t", -1);
      assertThat(row).hasSameSizeAs(header.toArray());
      quantities.put(row[header.indexOf("seller-sku")], row[header.indexOf("quantity")]);
    }
    assertThat(quantities)
        .containsExactly(entry("R-1", "4"), entry("R-2", "0"), entry("R-3", "17"));
  }

  @Test
  void aScriptedFatalReportEndsWithoutADocument() {
    admin("POST", "/amazon/fatal-reports", "{\"count\":1}");
    String token = token();

    List<Answer> polls = new ArrayList<>();
    List<String> statuses =
        pollReport(token, createListingsReport(token).json().get("reportId").asText(), polls);
    List<String> next =
        pollReport(token, createListingsReport(token).json().get("reportId").asText(), polls);

    assertThat(statuses).containsExactly("IN_PROGRESS", "FATAL");
    assertThat(polls.get(1).json().has("reportDocumentId")).isFalse();
    assertThat(next).endsWith("DONE");
  }

  @Test
  void createReportHasABurstOf15ThenQuotaExceededAtItsPlan() {
    String token = token();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      statuses.add(createListingsReport(token).status());
    }
    Answer throttled = createListingsReport(token);

    assertThat(statuses.subList(0, 15)).containsOnly(202);
    assertThat(statuses.get(15)).isEqualTo(429);
    assertThat(throttled.json().at("/errors/0/code").asText()).isEqualTo("QuotaExceeded");
    assertThat(throttled.header("x-amzn-RateLimit-Limit")).isEqualTo("0.0167");
  }

  @Test
  void everyOrderStaysInGetOrdersPagedByNextTokenEvenWhenItsNotificationIsDropped()
      throws Exception {
    admin("PUT", "/amazon/stock", "{\"O-1\":10}");
    admin("POST", "/amazon/faults", "{\"kind\":\"DROPPED_WEBHOOK\"}");
    String first = sell("amazon", "O-1", 2);
    // The vendors stamp orders to the millisecond: the later ones must fall after the cut.
    Thread.sleep(2);
    String since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    List<String> later =
        List.of(sell("amazon", "O-1", 1), sell("amazon", "O-1", 1), sell("amazon", "O-1", 1));
    String token = token();

    String query =
        "/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&MaxResultsPerPage=2&CreatedAfter=";
    Answer page1 = get(token, query + since);
    Answer page2 =
        get(
            token,
            "/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&NextToken="
                + URLEncoder.encode(
                    page1.json().at("/payload/NextToken").asText(), StandardCharsets.UTF_8));
    Answer all =
        get(
            token,
            "/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2026-01-01T00:00:00Z");
    Answer items = get(token, "/orders/v0/orders/" + first + "/orderItems");
    Answer noMarketplace = get(token, "/orders/v0/orders?CreatedAfter=" + since);

    assertThat(admin("GET", "/amazon/state", null).json().at("/received/ORDER_CHANGE").size())
        .isEqualTo(4);
    assertThat(page1.header("x-amzn-RateLimit-Limit")).isEqualTo("0.0167");
    assertThat(page1.json().at("/payload/Orders").findValuesAsText("AmazonOrderId"))
        .isEqualTo(later.subList(0, 2));
    assertThat(page2.json().at("/payload/Orders").findValuesAsText("AmazonOrderId"))
        .isEqualTo(later.subList(2, 3));
    assertThat(page2.json().at("/payload").has("NextToken")).isFalse();
    assertThat(all.json().at("/payload/Orders").findValuesAsText("AmazonOrderId"))
        .startsWith(first)
        .hasSize(4);
    assertThat(all.json().at("/payload/Orders/0/OrderStatus").asText()).isEqualTo("Unshipped");
    assertThat(all.json().at("/payload/Orders/0/FulfillmentChannel").asText()).isEqualTo("MFN");
    assertThat(items.json().at("/payload/AmazonOrderId").asText()).isEqualTo(first);
    assertThat(items.json().at("/payload/OrderItems/0/SellerSKU").asText()).isEqualTo("O-1");
    assertThat(items.json().at("/payload/OrderItems/0/QuantityOrdered").asInt()).isEqualTo(2);
    assertThat(items.header("x-amzn-RateLimit-Limit")).isEqualTo("0.5");
    assertThat(noMarketplace.status()).isEqualTo(400);
  }

  @Test
  void getOrdersHasABurstOf20ThenQuotaExceeded() {
    String token = token();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      statuses.add(
          get(
                  token,
                  "/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2026-01-01T00:00:00Z")
              .status());
    }

    assertThat(statuses.subList(0, 20)).containsOnly(200);
    assertThat(statuses.get(20)).isEqualTo(429);
  }
}
