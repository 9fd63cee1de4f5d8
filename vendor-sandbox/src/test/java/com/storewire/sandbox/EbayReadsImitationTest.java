package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** eBay's paged reads: getInventoryItems (offset is a page number) and Fulfillment getOrders. */
class EbayReadsImitationTest extends SandboxTest {

  private Answer get(String token, String path) {
    return send("GET", "/ebay" + path, null, "Authorization", "Bearer " + token);
  }

  /** The path and query of one of eBay's absolute page links. */
  private static String local(String link) {
    return link.replaceFirst("http://[^/]+/ebay", "");
  }

  @Test
  void inventoryItemsComeInPagesOfAtMost200NumberedByOffset() {
    StringBuilder stock = new StringBuilder("{");
    for (int i = 0; i < 450; i++) {
      stock.append(i == 0 ? "" : ",").append(String.format("\"I-%03d\":%d", i, i % 7));
    }
    admin("PUT", "/ebay/stock", stock.append("}").toString());
    String token = ebayToken();

    List<Answer> pages = new ArrayList<>();
    pages.add(get(token, "/sell/inventory/v1/inventory_item?limit=200&offset=0"));
    while (pages.get(pages.size() - 1).json().has("next")) {
      pages.add(get(token, local(pages.get(pages.size() - 1).json().get("next").asText())));
    }
    Answer defaults = get(token, "/sell/inventory/v1/inventory_item");
    Answer tooLarge = get(token, "/sell/inventory/v1/inventory_item?limit=201");
    Answer anonymous = send("GET", "/ebay/sell/inventory/v1/inventory_item", null);

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).json().get("total").asInt()).isEqualTo(450);
    assertThat(pages.get(0).json().get("size").asInt()).isEqualTo(3);
    assertThat(pages.get(0).json().get("next").asText()).endsWith("limit=200&offset=1");
    assertThat(pages.get(2).json().get("inventoryItems")).hasSize(50);
    assertThat(pages.get(2).json().at("/inventoryItems/49/sku").asText()).isEqualTo("I-449");
    assertThat(
            pages
                .get(1)
                .json()
                .at("/inventoryItems/0/availability/shipToLocationAvailability/quantity")
                .asInt())
        .isEqualTo(200 % 7);
    assertThat(defaults.json().get("limit").asInt()).isEqualTo(25);
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.json().at("/errors/0/errorId").asInt()).isEqualTo(25709);
    assertThat(tooLarge.json().at("/errors/0/category").asText()).isEqualTo("BUSINESS");
    assertThat(anonymous.json().at("/errors/0/errorId").asInt()).isEqualTo(1002);
  }

  @Test
  void everySoldOrderIsInGetOrdersEvenWhenItsNotificationWasDropped() throws Exception {
    admin("PUT", "/ebay/stock", "{\"S-1\":10}");
    admin("POST", "/ebay/faults", "{\"kind\":\"DROPPED_WEBHOOK\"}");
    String first = sell("ebay", "S-1", 2);
    // The vendors stamp orders to the millisecond: the later ones must fall after the cut.
    Thread.sleep(2);
    String since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    List<String> later =
        List.of(sell("ebay", "S-1", 1), sell("ebay", "S-1", 1), sell("ebay", "S-1", 1));
    String token = ebayToken();
    String filter = URLEncoder.encode("creationdate:[" + since + "..]", StandardCharsets.UTF_8);

    Answer page1 = get(token, "/sell/fulfillment/v1/order?filter=" + filter + "&limit=2");
    Answer page2 = get(token, local(page1.json().get("next").asText()));
    Answer all = get(token, "/sell/fulfillment/v1/order");
    Answer tooLarge = get(token, "/sell/fulfillment/v1/order?limit=201");
    Answer badFilter = get(token, "/sell/fulfillment/v1/order?filter=orderfulfillmentstatus:x");

    assertThat(page1.json().get("total").asInt()).isEqualTo(3);
    assertThat(page1.json().get("orders").findValuesAsText("orderId"))
        .isEqualTo(later.subList(0, 2));
    assertThat(page2.json().get("offset").asInt()).isEqualTo(2);
    assertThat(page2.json().get("orders").findValuesAsText("orderId"))
        .isEqualTo(later.subList(2, 3));
    assertThat(page2.json().has("next")).isFalse();
    assertThat(all.json().get("limit").asInt()).isEqualTo(50);
    assertThat(all.json().at("/orders/0/orderId").asText()).isEqualTo(first);
    assertThat(all.json().at("/orders/0/creationDate").asText()).isNotEmpty();
    assertThat(all.json().at("/orders/0/lineItems/0/sku").asText()).isEqualTo("S-1");
    assertThat(all.json().at("/orders/0/lineItems/0/quantity").asInt()).isEqualTo(2);
    assertThat(all.json().at("/orders/0/pricingSummary/total/currency").asText()).isEqualTo("USD");
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(badFilter.status()).isEqualTo(400);
  }

  @Test
  void pagedReadsAreLimitedPerSecondWithEbaysThrottleBody() {
    String token = ebayToken();
    Answer throttled = null;
    int served = 0;
    while (throttled == null && served < 100) {
      Answer answer = get(token, "/sell/inventory/v1/inventory_item?limit=200");
      if (answer.status() == 200) {
        served++;
      } else {
        throttled = answer;
      }
    }

    assertThat(served).isBetween(25, 40);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().at("/errors/0/errorId").asInt()).isEqualTo(2001);
    assertThat(throttled.header("Retry-After")).isEqualTo("1");
    assertThat(get(token, "/sell/fulfillment/v1/order").status())
        .as("orders have a limit of their own")
        .isEqualTo(200);
  }
}
