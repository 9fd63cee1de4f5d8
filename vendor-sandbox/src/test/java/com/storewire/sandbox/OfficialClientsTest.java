package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fidelity: Shopify's, Klaviyo's, WooCommerce's and Amazon's own official Node clients, changed
 * only in where they point, work against the sandbox (auth, request shapes, answer parsing).
 */
class OfficialClientsTest extends SandboxTest {

  @Test
  void officialClientsWorkUnchangedAgainstTheSandbox() throws Exception {
    admin("PUT", "/shopify/stock", "{\"SHOP-CLIENT\":2}");
    admin("PUT", "/woocommerce/stock", "{\"WOO-CLIENT\":3}");
    admin("PUT", "/amazon/stock", "{\"AMZ-CLIENT\":1}");
    Process node =
        new ProcessBuilder(
                "node",
                "check-clients.mjs",
                "http://127.0.0.1:" + sandbox.port(),
                JSON.writeValueAsString(CREDENTIALS))
            .directory(new File("src/test/node"))
            .redirectErrorStream(true)
            .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

    List<JsonNode> results = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{\"client\"")) {
        results.add(JSON.readTree(line));
      }
    }
    assertThat(results)
        .as(output)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.get("ok").asBoolean()).as(r.toString()).isTrue());
    assertThat(node.exitValue()).as(output).isZero();
    JsonNode shopify = results.get(0).get("result");
    assertThat(shopify.get("userErrors")).isEmpty();
    assertThat(shopify.get("cost").asInt()).isEqualTo(10);
    assertThat(results.get(1).at("/result/status").asInt()).isEqualTo(202);
    assertThat(results.get(2).at("/result/stock_quantity").asInt()).isEqualTo(11);
    assertThat(results.get(3).at("/result/status").asText()).isEqualTo("ACCEPTED");
    assertThat(admin("GET", "/amazon/state", null).json().at("/stock/AMZ-CLIENT").asInt())
        .isEqualTo(8);
    assertThat(admin("GET", "/shopify/state", null).json().at("/stock/SHOP-CLIENT").asInt())
        .isEqualTo(6);
    assertThat(admin("GET", "/woocommerce/state", null).json().at("/stock/WOO-CLIENT").asInt())
        .isEqualTo(11);
    assertThat(admin("GET", "/klaviyo/state", null).json().at("/received/event")).hasSize(1);
  }
}
