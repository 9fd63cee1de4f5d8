package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.sandbox.vendors.AmazonImitation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
