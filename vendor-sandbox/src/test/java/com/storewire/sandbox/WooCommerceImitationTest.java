package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.sandbox.vendors.WooCommerceImitation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WooCommerce's paged lists: every product, and every order placed after a date. */
class WooCommerceImitationTest extends SandboxTest {

  private static final String API = "/woocommerce/wp-json/wc/v3";

  private Answer get(String pathAndQuery) {
    return send(
        "GET",
        API + pathAndQuery,
        null,
        "Authorization",
        basic(WooCommerceImitation.CONSUMER_KEY, CREDENTIALS.wooConsumerSecret()));
  }

  @Test
  void productsAreListedInPagesOfAtMost100WithTheirTotals() {
    StringBuilder stock = new StringBuilder("{");
    for (int i = 0; i < 250; i++) {
      stock.append(i == 0 ? "" : ",").append("\"P-").append(1000 + i).append("\":").append(i);
    }
    admin("PUT", "/woocommerce/stock", stock + "}");

    List<JsonNode> products = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      Answer answer = get("/products?per_page=100&page=" + page + "&orderby=id&order=asc");
      assertThat(answer.header("X-WP-Total")).isEqualTo("250");
      assertThat(answer.header("X-WP-TotalPages")).isEqualTo("3");
      answer.json().forEach(products::add);
      sizes.add(answer.json().size());
    }
    Answer pastTheLast = get("/products?per_page=100&page=4");
    Answer tooBig = get("/products?per_page=101");
    Answer tooSmall = get("/products?per_page=0");
    Answer badOrder = get("/products?per_page=10&order=sideways");

    assertThat(sizes).containsExactly(100, 100, 50);
    assertThat(products)
        .extracting(p -> p.get("sku").asText())
        .doesNotHaveDuplicates()
        .hasSize(250);
    assertThat(products.get(7).get("stock_quantity").asInt()).isEqualTo(7);
    assertThat(products.get(7).get("manage_stock").asBoolean()).isTrue();
    assertThat(products).extracting(p -> p.get("id").asInt()).isSorted();
    assertThat(pastTheLast.status()).isEqualTo(400);
    assertThat(pastTheLast.json().get("code").asText()).isEqualTo("rest_post_invalid_page_number");
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.json().get("code").asText()).isEqualTo("rest_invalid_param");
    assertThat(tooBig.json().at("/data/params/per_page").asText()).contains("100");
    assertThat(tooSmall.status()).isEqualTo(400);
    assertThat(badOrder.json().get("code").asText()).isEqualTo("rest_invalid_param");
  }

  @Test
  void ordersAfterADateAreListedAsTheirWebhookCarriedThemEvenWhenItWasDropped() {
    admin("PUT", "/woocommerce/stock", "{\"W-ORD\":10}");
    admin("POST", "/woocommerce/faults", "{\"kind\":\"DROPPED_WEBHOOK\",\"requests\":2}");
    List<String> sold = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sold.add(
          admin("POST", "/woocommerce/sell", "{\"sku\":\"W-ORD\",\"quantity\":1}")
              .json()
              .get("order_id")
              .asText());
    }

    Answer all = get("/orders?per_page=100&orderby=date&order=asc");
    JsonNode orders = all.json();
    String first = orders.get(0).get("date_created_gmt").asText();
    Answer after =
        get(
            "/orders?per_page=2&page=1&orderby=date&order=asc&after="
                + URLEncoder.encode(first, StandardCharsets.UTF_8));
    Answer newestFirst = get("/orders?per_page=100");
    Answer badDate = get("/orders?after=yesterday");
    Answer unauthorized = send("GET", API + "/orders", null);

    assertThat(admin("GET", "/woocommerce/state", null).json().get("faults")).isEmpty();
    assertThat(orders.findValuesAsText("id")).containsExactlyElementsOf(sold);
    assertThat(texts(sandbox.imitation("woocommerce").inventory().received().get("order.created")))
        .containsExactlyElementsOf(texts(orders));
    assertThat(all.header("X-WP-Total")).isEqualTo("4");
    assertThat(after.json().findValuesAsText("id")).containsExactly(sold.get(1), sold.get(2));
    assertThat(after.header("X-WP-Total")).isEqualTo("3");
    assertThat(after.header("X-WP-TotalPages")).isEqualTo("2");
    assertThat(newestFirst.json().get(0).get("id").asText()).isEqualTo(sold.get(3));
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.json().at("/data/params/after").asText()).isEqualTo("Invalid date.");
    assertThat(unauthorized.status()).isEqualTo(401);
  }
}
