package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.sandbox.vendors.ShopifyImitation;
import org.junit.jupiter.api.Test;

class ShopifyImitationTest extends SandboxTest {

  private static final String GRAPHQL = "/shopify/admin/api/2026-04/graphql.json";

  private String token() {
    return tokenAnswer(CREDENTIALS.shopifyRefreshToken()).json().get("access_token").asText();
  }

  private Answer tokenAnswer(String refreshToken) {
    return send(
        "POST",
        "/shopify/admin/oauth/access_token",
        "{\"client_id\":\""
            + ShopifyImitation.CLIENT_ID
            + "\",\"client_secret\":\""
            + CREDENTIALS.shopifyClientSecret()
            + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\""
            + refreshToken
            + "\"}",
        "Content-Type",
        "application/json");
  }

  private Answer set(String token, String sku, int quantity, Integer changeFrom) {
    String query =
        "mutation inventorySet($input: InventorySetQuantitiesInput!) @idempotent(key: \\\"k\\\") { inventorySetQuantities(input: $input) { userErrors { code field message } } }";
    String body =
        "{\"query\":\""
            + query
            + "\",\"variables\":{\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"quantities\":[{\"inventoryItemId\":\""
            + ShopifyImitation.inventoryItemId(sku)
            + "\",\"locationId\":\"gid://shopify/Location/1\",\"quantity\":"
            + quantity
            + (changeFrom == null ? "" : ",\"changeFromQuantity\":" + changeFrom)
            + "}]}}}";
    return send(
        "POST", GRAPHQL, body, "Content-Type", "application/json", "X-Shopify-Access-Token", token);
  }

  @Test
  void expiringTokensRotateTheirRefreshTokenAndAnExpiredOneIs401() {
    Answer first = tokenAnswer(CREDENTIALS.shopifyRefreshToken());
    Answer reused = tokenAnswer(CREDENTIALS.shopifyRefreshToken());
    Answer rotated = tokenAnswer(first.json().get("refresh_token").asText());

    assertThat(first.json().get("expires_in").asInt()).isEqualTo(3600);
    assertThat(reused.status()).isEqualTo(400);
    assertThat(rotated.status()).isEqualTo(200);

    admin("PUT", "/shopify/stock", "{\"TEE-1\":5}");
    String token = rotated.json().get("access_token").asText();
    assertThat(set(token, "TEE-1", 4, 5).status()).isEqualTo(200);
    admin("POST", "/shopify/revoke-tokens", "");
    Answer expired = set(token, "TEE-1", 3, 4);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("errors").asText())
        .isEqualTo("[API] Invalid API key or access token (unrecognized login or wrong password)");
  }

  @Test
  void compareAndSwapIsMandatoryFrom202604AndStaleIsReportedWith200() {
    admin("PUT", "/shopify/stock", "{\"TEE-2\":10}");
    String token = token();

    JsonNode ok = set(token, "TEE-2", 7, 10).json();
    JsonNode stale = set(token, "TEE-2", 6, 10).json();
    JsonNode missing = set(token, "TEE-2", 6, null).json();

    assertThat(ok.at("/data/inventorySetQuantities/userErrors")).isEmpty();
    assertThat(stale.at("/data/inventorySetQuantities/userErrors/0/code").asText())
        .isEqualTo("CHANGE_FROM_QUANTITY_STALE");
    assertThat(missing.at("/data/inventorySetQuantities/userErrors/0/code").asText())
        .isEqualTo("CHANGE_FROM_QUANTITY_REQUIRED");
    assertThat(admin("GET", "/shopify/state", null).json().at("/stock/TEE-2").asInt()).isEqualTo(7);
    assertThat(ok.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(10);
  }

  @Test
  void theLeakyBucketThrottlesPast2000PointsAndRestores100PerSecond() throws Exception {
    admin("PUT", "/shopify/stock", "{\"TEE-3\":1}");
    String token = token();
    int accepted = 0;
    JsonNode throttled = null;
    long start = System.nanoTime();
    for (int i = 0; i < 400 && throttled == null; i++) {
      JsonNode answer = set(token, "TEE-3", 1, null).json();
      if (answer.has("data")) {
        accepted++;
      } else {
        throttled = answer;
      }
    }

    // 2000 points of mutations costing 10, plus what restored at 100/s while they ran.
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(accepted).isBetween(200, 200 + (int) Math.ceil(seconds * 10) + 1);
    assertThat(throttled.at("/errors/0/extensions/code").asText()).isEqualTo("THROTTLED");
    assertThat(throttled.at("/extensions/cost/actualQueryCost").isNull()).isTrue();
    assertThat(throttled.at("/extensions/cost/throttleStatus/restoreRate").asDouble())
        .isEqualTo(100.0);
    Thread.sleep(1_000);
    int restored = 0;
    long again = System.nanoTime();
    while (set(token, "TEE-3", 1, null).json().has("data")) {
      restored++;
    }
    double more = (System.nanoTime() - again) / 1e9;
    assertThat(restored).isBetween(9, 10 + (int) Math.ceil(more * 10) + 1);
  }

  @Test
  void moreThan250QuantitiesIsRefused() {
    String token = token();
    StringBuilder quantities = new StringBuilder();
    for (int i = 0; i < 251; i++) {
      quantities
          .append(i == 0 ? "" : ",")
          .append("{\"inventoryItemId\":\"gid://shopify/InventoryItem/S")
          .append(i)
          .append("\",\"locationId\":\"l\",\"quantity\":1}");
    }
    Answer answer =
        send(
            "POST",
            GRAPHQL,
            "{\"query\":\"mutation { inventorySetQuantities(input: $input) { userErrors { code } } }\",\"variables\":{\"input\":{\"quantities\":["
                + quantities
                + "]}}}",
            "X-Shopify-Access-Token",
            token);

    assertThat(answer.json().at("/errors/0/extensions/code").asText())
        .isEqualTo("MAX_INPUT_SIZE_EXCEEDED");
  }
}
