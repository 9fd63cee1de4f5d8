package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.vendors.ShopifyImitation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopifyImitationTest extends SandboxTest {

  private static final String GRAPHQL = "/shopify/admin/api/2026-04/graphql.json";
  private static final String ORDERS = "/shopify/admin/api/2026-04/orders.json";
  private static final String RUN_BULK =
      "mutation run($query: String!) { bulkOperationRunQuery(query: $query) {"
          + " bulkOperation { id status } userErrors { code field message } } }";
  private static final String INVENTORY_EXPORT =
      "{ inventoryItems { edges { node { id sku inventoryLevels { edges { node { id"
          + " location { id } quantities(names: [\"available\"]) { name quantity } } } } } } } }";
  private static final String POLL =
      "query { currentBulkOperation { id status objectCount rootObjectCount url } }";

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
            + "\",\"locationId\":\""
            + ShopifyImitation.MAIN_WAREHOUSE.id()
            + "\",\"quantity\":"
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

  private JsonNode graphql(String token, String query, String bulkQuery) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    if (bulkQuery != null) {
      body.putObject("variables").put("query", bulkQuery);
    }
    return send(
            "POST",
            GRAPHQL,
            body.toString(),
            "Content-Type",
            "application/json",
            "X-Shopify-Access-Token",
            token)
        .json();
  }

  /** A URL the sandbox handed out, as a path below its port. */
  private static String path(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  @Test
  void eitherAppsRefreshTokenIsAccepted() {
    assertThat(tokenAnswer(CREDENTIALS.shopifyRefreshToken()).status()).isEqualTo(200);
    assertThat(tokenAnswer(CREDENTIALS.shopifyReconciliationRefreshToken()).status())
        .isEqualTo(200);
  }

  @Test
  void aBulkQueryRunsOneAtATimeAndLeavesJsonlAtAPreSignedUrl() {
    admin("PUT", "/shopify/stock", "{\"BULK-A\":3,\"BULK-B\":0}");
    String token = token();

    JsonNode started = graphql(token, RUN_BULK, INVENTORY_EXPORT);
    JsonNode second = graphql(token, RUN_BULK, INVENTORY_EXPORT);
    JsonNode running = graphql(token, POLL, null);
    JsonNode completed = graphql(token, POLL, null);

    String id = started.at("/data/bulkOperationRunQuery/bulkOperation/id").asText();
    assertThat(id).startsWith("gid://shopify/BulkOperation/");
    assertThat(started.at("/data/bulkOperationRunQuery/bulkOperation/status").asText())
        .isEqualTo("CREATED");
    assertThat(started.at("/data/bulkOperationRunQuery/userErrors")).isEmpty();
    assertThat(started.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(10);
    assertThat(second.at("/data/bulkOperationRunQuery/bulkOperation").isNull()).isTrue();
    assertThat(second.at("/data/bulkOperationRunQuery/userErrors/0/code").asText())
        .isEqualTo("OPERATION_IN_PROGRESS");
    assertThat(second.at("/data/bulkOperationRunQuery/userErrors/0/message").asText()).contains(id);
    assertThat(running.at("/data/currentBulkOperation/status").asText()).isEqualTo("RUNNING");
    assertThat(running.at("/data/currentBulkOperation/url").isNull()).isTrue();
    assertThat(running.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(1);
    assertThat(completed.at("/data/currentBulkOperation/id").asText()).isEqualTo(id);
    assertThat(completed.at("/data/currentBulkOperation/status").asText()).isEqualTo("COMPLETED");
    // Two items, each with a level at the three active locations.
    assertThat(completed.at("/data/currentBulkOperation/objectCount").asText()).isEqualTo("8");
    assertThat(completed.at("/data/currentBulkOperation/rootObjectCount").asText()).isEqualTo("2");

    String url = completed.at("/data/currentBulkOperation/url").asText();
    Answer download = send("GET", path(url), null);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body().split("\n"))
        .containsExactly(
            "{\"id\":\"gid://shopify/InventoryItem/BULK-A\",\"sku\":\"BULK-A\"}",
            level("BULK-A", "74656710882", 3),
            level("BULK-A", "74656743650", 0),
            level("BULK-A", "74656776418", 0),
            "{\"id\":\"gid://shopify/InventoryItem/BULK-B\",\"sku\":\"BULK-B\"}",
            level("BULK-B", "74656710882", 0),
            level("BULK-B", "74656743650", 0),
            level("BULK-B", "74656776418", 0));
    assertThat(send("GET", "/shopify/bulk-operation-outputs/guessed.jsonl", null).status())
        .isEqualTo(404);
    JsonNode next = graphql(token, RUN_BULK, INVENTORY_EXPORT);
    assertThat(next.at("/data/bulkOperationRunQuery/bulkOperation/id").asText()).isNotEqualTo(id);
    // A result stays at its URL for seven days, whatever operation runs next.
    assertThat(send("GET", path(url), null).body()).isEqualTo(download.body());
  }

  /** A bulk result's line for an item's level at a location. */
  private static String level(String sku, String location, int available) {
    return "{\"id\":\"gid://shopify/InventoryLevel/"
        + location
        + "?inventory_item_id="
        + sku
        + "\",\"location\":{\"id\":\"gid://shopify/Location/"
        + location
        + "\"},\"quantities\":[{\"name\":\"available\",\"quantity\":"
        + available
        + "}],\"__parentId\":\"gid://shopify/InventoryItem/"
        + sku
        + "\"}";
  }

  @Test
  void bulkQueriesAreValidatedAndAnEmptyResultHasNoUrl() {
    String token = token();

    JsonNode notInventory = graphql(token, RUN_BULK, "{ products { edges { node { id } } } }");
    JsonNode noArgument =
        graphql(token, "mutation { bulkOperationRunQuery { bulkOperation { id } } }", null);
    JsonNode inline =
        graphql(
            token,
            "mutation { bulkOperationRunQuery(query: \"\"\""
                + INVENTORY_EXPORT
                + "\"\"\") {"
                + " bulkOperation { id status } userErrors { code message } } }",
            null);
    graphql(token, POLL, null);
    JsonNode empty = graphql(token, POLL, null);

    assertThat(notInventory.at("/data/bulkOperationRunQuery/userErrors/0/code").asText())
        .isEqualTo("INVALID");
    assertThat(notInventory.at("/data/bulkOperationRunQuery/userErrors/0/field/0").asText())
        .isEqualTo("query");
    assertThat(noArgument.at("/errors/0/extensions/code").asText())
        .isEqualTo("missingRequiredArguments");
    assertThat(inline.at("/data/bulkOperationRunQuery/bulkOperation/status").asText())
        .isEqualTo("CREATED");
    assertThat(empty.at("/data/currentBulkOperation/status").asText()).isEqualTo("COMPLETED");
    assertThat(empty.at("/data/currentBulkOperation/objectCount").asText()).isEqualTo("0");
    assertThat(empty.at("/data/currentBulkOperation/url").isNull()).isTrue();
  }

  @Test
  void ordersListEveryPlacedOrderInCursorPagesEvenWhenItsWebhookWasDropped() {
    admin("PUT", "/shopify/stock", "{\"ORD-1\":10}");
    admin("POST", "/shopify/faults", "{\"kind\":\"DROPPED_WEBHOOK\",\"requests\":3}");
    List<String> sold = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sold.add(
          admin("POST", "/shopify/sell", "{\"sku\":\"ORD-1\",\"quantity\":1}")
              .json()
              .get("order_id")
              .asText());
    }
    String token = token();
    assertThat(admin("GET", "/shopify/state", null).json().get("faults")).isEmpty();

    Answer all =
        send("GET", ORDERS + "?status=any&limit=250", null, "X-Shopify-Access-Token", token);
    JsonNode orders = all.json().get("orders");
    assertThat(orders.findValuesAsText("id")).containsExactlyElementsOf(sold);
    assertThat(texts(sandbox.imitation("shopify").inventory().received().get("orders/create")))
        .containsExactlyElementsOf(texts(orders));
    assertThat(all.header("Link")).isNull();
    assertThat(all.header("X-Shopify-Shop-Api-Call-Limit")).isEqualTo("1/40");

    String third = orders.get(2).get("created_at").asText();
    Answer first =
        send(
            "GET",
            ORDERS
                + "?status=any&limit=2&created_at_min="
                + URLEncoder.encode(third, StandardCharsets.UTF_8),
            null,
            "X-Shopify-Access-Token",
            token);
    String link = first.header("Link");
    assertThat(link).endsWith(">; rel=\"next\"").contains("page_info=");
    String next = link.substring(1, link.indexOf('>'));
    Answer last = send("GET", path(next), null, "X-Shopify-Access-Token", token);
    Answer mixed = send("GET", path(next) + "&status=any", null, "X-Shopify-Access-Token", token);

    assertThat(first.json().get("orders").findValuesAsText("id"))
        .containsExactly(sold.get(2), sold.get(3));
    assertThat(last.json().get("orders").findValuesAsText("id")).containsExactly(sold.get(4));
    assertThat(last.header("Link")).isNull();
    assertThat(mixed.status()).isEqualTo(400);
    assertThat(mixed.json().at("/errors/page_info").asText()).contains("cannot be combined");
  }

  @Test
  void ordersValidateTheirParametersAndToken() {
    String token = token();

    Answer tooMany = send("GET", ORDERS + "?limit=251", null, "X-Shopify-Access-Token", token);
    Answer badDate =
        send("GET", ORDERS + "?created_at_min=yesterday", null, "X-Shopify-Access-Token", token);
    Answer noToken = send("GET", ORDERS + "?status=any", null);

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().at("/errors/limit").asText()).contains("250");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(noToken.status()).isEqualTo(401);
  }

  @Test
  void restHasItsOwnLeakyBucketOf40RestoringTwoPerSecond() {
    String token = token();
    int accepted = 0;
    Answer refused = null;
    long start = System.nanoTime();
    for (int i = 0; i < 80 && refused == null; i++) {
      Answer answer = send("GET", ORDERS + "?status=any", null, "X-Shopify-Access-Token", token);
      if (answer.status() == 200) {
        accepted++;
      } else {
        refused = answer;
      }
    }

    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(accepted).isBetween(40, 40 + (int) Math.ceil(seconds * 2) + 1);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.header("X-Shopify-Shop-Api-Call-Limit")).isEqualTo("40/40");
    // The GraphQL bucket is another: a REST storm leaves it full.
    assertThat(
            graphql(token, POLL, null)
                .at("/extensions/cost/throttleStatus/currentlyAvailable")
                .asInt())
        .isGreaterThan(1900);
  }
}
