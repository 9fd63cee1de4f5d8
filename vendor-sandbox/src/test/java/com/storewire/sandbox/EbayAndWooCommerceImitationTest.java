package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.sandbox.vendors.WooCommerceImitation;
import org.junit.jupiter.api.Test;

class EbayAndWooCommerceImitationTest extends SandboxTest {

  private static String bulk(int requests) {
    StringBuilder body = new StringBuilder("{\"requests\":[");
    for (int i = 0; i < requests; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"E-")
          .append(i)
          .append("\",\"shipToLocationAvailability\":{\"quantity\":4}}");
    }
    return body.append("]}").toString();
  }

  @Test
  void ebayBulkUpdateTakes25AndAnswersPerItem() {
    admin("PUT", "/ebay/stock", "{\"E-0\":1,\"E-1\":1}");
    String token = ebayToken();

    Answer ok =
        send(
            "POST",
            "/ebay/sell/inventory/v1/bulk_update_price_quantity",
            bulk(3),
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + token);
    Answer tooMany =
        send(
            "POST",
            "/ebay/sell/inventory/v1/bulk_update_price_quantity",
            bulk(26),
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + token);

    assertThat(ok.json().at("/responses/0/statusCode").asInt()).isEqualTo(200);
    assertThat(ok.json().at("/responses/2/statusCode").asInt()).isEqualTo(400);
    assertThat(ok.json().at("/responses/2/errors/0/errorId").asInt()).isEqualTo(25702);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().at("/errors/0/message").asText())
        .contains("maximum number of requests is 25");
    assertThat(admin("GET", "/ebay/state", null).json().at("/stock/E-1").asInt()).isEqualTo(4);
  }

  @Test
  void ebayTokensFailWithItsErrorIds() {
    Answer missing =
        send(
            "POST",
            "/ebay/sell/inventory/v1/bulk_update_price_quantity",
            bulk(1),
            "Content-Type",
            "application/json");
    Answer invalid =
        send(
            "POST",
            "/ebay/sell/inventory/v1/bulk_update_price_quantity",
            bulk(1),
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer nope");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/errors/0/errorId").asInt()).isEqualTo(1002);
    assertThat(invalid.status()).isEqualTo(401);
    assertThat(invalid.json().at("/errors/0/errorId").asInt()).isEqualTo(1001);
    assertThat(invalid.json().at("/errors/0/domain").asText()).isEqualTo("OAuth");
  }

  @Test
  void partialBulkFailuresAreScriptedAndRepeatForTheSameSeed() {
    admin("PUT", "/ebay/stock", "{\"E-0\":1,\"E-1\":1,\"E-2\":1,\"E-3\":1,\"E-4\":1,\"E-5\":1}");
    admin("POST", "/ebay/faults", "{\"kind\":\"PARTIAL_BULK\",\"probability\":0.8}");
    String token = ebayToken();

    Answer answer =
        send(
            "POST",
            "/ebay/sell/inventory/v1/bulk_update_price_quantity",
            bulk(6),
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + token);
    sandbox.close();
    sandbox = VendorSandbox.start(0, 42, CREDENTIALS);
    admin("PUT", "/ebay/stock", "{\"E-0\":1,\"E-1\":1,\"E-2\":1,\"E-3\":1,\"E-4\":1,\"E-5\":1}");
    admin("POST", "/ebay/faults", "{\"kind\":\"PARTIAL_BULK\",\"probability\":0.8}");
    Answer again =
        send(
            "POST",
            "/ebay/sell/inventory/v1/bulk_update_price_quantity",
            bulk(6),
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + ebayToken());

    assertThat(answer.json().findValues("statusCode"))
        .extracting(n -> n.asInt())
        .contains(200, 400);
    assertThat(again.json().findValues("statusCode"))
        .isEqualTo(answer.json().findValues("statusCode"));
  }

  @Test
  void wooCommerceBatchTakes100AndItsErrorsHaveCodeMessageStatus() {
    admin("PUT", "/woocommerce/stock", "{\"W-1\":2}");
    String auth = basic(WooCommerceImitation.CONSUMER_KEY, CREDENTIALS.wooConsumerSecret());
    int id =
        send("GET", "/woocommerce/wp-json/wc/v3/products?sku=W-1", null, "Authorization", auth)
            .json()
            .at("/0/id")
            .asInt();
    StringBuilder tooMany = new StringBuilder("{\"update\":[");
    for (int i = 0; i < 101; i++) {
      tooMany
          .append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(id)
          .append(",\"stock_quantity\":1}");
    }

    Answer ok =
        send(
            "POST",
            "/woocommerce/wp-json/wc/v3/products/batch",
            "{\"update\":[{\"id\":"
                + id
                + ",\"stock_quantity\":7},{\"id\":999,\"stock_quantity\":1}]}",
            "Content-Type",
            "application/json",
            "Authorization",
            auth);
    Answer big =
        send(
            "POST",
            "/woocommerce/wp-json/wc/v3/products/batch",
            tooMany + "]}",
            "Content-Type",
            "application/json",
            "Authorization",
            auth);
    Answer unauthorized = send("GET", "/woocommerce/wp-json/wc/v3/products?sku=W-1", null);
    Answer forgedOAuth =
        send(
            "GET",
            "/woocommerce/wp-json/wc/v3/products?sku=W-1&oauth_consumer_key=ck_storewire&oauth_nonce=n&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1&oauth_version=1.0&oauth_signature=Zm9yZ2Vk",
            null);

    assertThat(ok.json().at("/update/0/stock_quantity").asInt()).isEqualTo(7);
    assertThat(ok.json().at("/update/1/error/code").asText())
        .isEqualTo("woocommerce_rest_product_invalid_id");
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().at("/data/status").asInt()).isEqualTo(413);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(forgedOAuth.status()).isEqualTo(401);
    assertThat(unauthorized.json().get("code").asText()).isEqualTo("woocommerce_rest_cannot_view");
  }
}
