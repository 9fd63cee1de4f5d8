package com.storewire.sandbox;

import static com.storewire.sandbox.vendors.ShopifyImitation.CLOSED_POPUP;
import static com.storewire.sandbox.vendors.ShopifyImitation.FLAGSHIP_STORE;
import static com.storewire.sandbox.vendors.ShopifyImitation.MAIN_WAREHOUSE;
import static com.storewire.sandbox.vendors.ShopifyImitation.OVERFLOW_WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Inventory;
import com.storewire.sandbox.vendors.ShopifyImitation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Shopify imitation's locations: several, with real-looking ids and a primary one, the {@code
 * location}/{@code locations} queries, INVALID_LOCATION for a location the shop does not have, and
 * inventory kept per location while buyers buy what the online locations hold together.
 */
class ShopifyLocationsImitationTest extends SandboxTest {

  private static final String GRAPHQL = "/shopify/admin/api/2026-04/graphql.json";
  private static final String SET =
      "mutation inventorySet($input: InventorySetQuantitiesInput!) @idempotent(key: $key) {"
          + " inventorySetQuantities(input: $input) { userErrors { code field message } } }";

  private ShopifyImitation shopify() {
    return (ShopifyImitation) sandbox.imitation("shopify");
  }

  private String token() {
    return send(
            "POST",
            "/shopify/admin/oauth/access_token",
            JSON.createObjectNode()
                .put("client_id", ShopifyImitation.CLIENT_ID)
                .put("client_secret", CREDENTIALS.shopifyClientSecret())
                .put("grant_type", "refresh_token")
                .put("refresh_token", CREDENTIALS.shopifyRefreshToken())
                .toString(),
            "Content-Type",
            "application/json")
        .json()
        .get("access_token")
        .asText();
  }

  private JsonNode graphql(String token, String query, ObjectNode variables) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("variables", variables == null ? JSON.createObjectNode() : variables);
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

  /** One inventorySetQuantities of these (SKU, location id, quantity, changeFromQuantity). */
  private JsonNode set(String token, List<Object[]> quantities) {
    ObjectNode variables =
        JSON.createObjectNode().put("key", java.util.UUID.randomUUID().toString());
    ArrayNode input =
        variables
            .putObject("input")
            .put("name", "available")
            .put("reason", "correction")
            .putArray("quantities");
    for (Object[] q : quantities) {
      input
          .addObject()
          .put("inventoryItemId", ShopifyImitation.inventoryItemId((String) q[0]))
          .put("locationId", (String) q[1])
          .put("quantity", (Integer) q[2])
          .put("changeFromQuantity", (Integer) q[3]);
    }
    return graphql(token, SET, variables).at("/data/inventorySetQuantities/userErrors");
  }

  @Test
  void theShopHasSeveralLocationsAndLocationWithoutAnIdIsThePrimary() {
    String token = token();

    JsonNode primary =
        graphql(token, "query { location { id name isActive fulfillsOnlineOrders } }", null);
    JsonNode byVariable =
        graphql(
            token,
            "query one($id: ID!) { location(id: $id) { id name } }",
            JSON.createObjectNode().put("id", OVERFLOW_WAREHOUSE.id()));
    JsonNode sandboxId =
        graphql(token, "query { location(id: \"gid://shopify/Location/1\") { id } }", null);
    JsonNode active =
        graphql(token, "query { locations(first: 10) { nodes { id isActive } } }", null);
    JsonNode all =
        graphql(
            token,
            "query all($inactive: Boolean) { locations(first: 10, includeInactive: $inactive) {"
                + " edges { node { id } } } }",
            JSON.createObjectNode().put("inactive", true));
    JsonNode unbounded = graphql(token, "query { locations { nodes { id } } }", null);

    assertThat(primary.at("/data/location/id").asText()).isEqualTo(MAIN_WAREHOUSE.id());
    assertThat(primary.at("/data/location/id").asText()).matches("gid://shopify/Location/\\d{11}");
    assertThat(primary.at("/data/location/isActive").asBoolean()).isTrue();
    assertThat(primary.at("/data/location/fulfillsOnlineOrders").asBoolean()).isTrue();
    assertThat(byVariable.at("/data/location/name").asText()).isEqualTo("Overflow warehouse");
    assertThat(sandboxId.at("/data/location").isNull()).isTrue();
    assertThat(active.at("/data/locations/nodes").findValuesAsText("id"))
        .containsExactly(MAIN_WAREHOUSE.id(), FLAGSHIP_STORE.id(), OVERFLOW_WAREHOUSE.id());
    assertThat(all.at("/data/locations/edges").findValuesAsText("id"))
        .containsExactly(
            MAIN_WAREHOUSE.id(), FLAGSHIP_STORE.id(), OVERFLOW_WAREHOUSE.id(), CLOSED_POPUP.id());
    assertThat(unbounded.at("/errors/0/message").asText())
        .isEqualTo("you must provide one of first or last");
  }

  @Test
  void aLocationTheShopDoesNotHaveIsInvalidLocationAndAnInactiveOneStocksNothing() {
    admin("PUT", "/shopify/stock", "{\"LOC-1\":5}");
    String token = token();

    JsonNode errors =
        set(
            token,
            List.<Object[]>of(
                new Object[] {"LOC-1", "gid://shopify/Location/1", 9, 5},
                new Object[] {"LOC-1", CLOSED_POPUP.id(), 9, 0},
                new Object[] {"LOC-1", MAIN_WAREHOUSE.id(), 6, 5}));

    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("code").asText()).isEqualTo("INVALID_LOCATION");
    assertThat(errors.get(0).get("message").asText())
        .isEqualTo("The specified location could not be found.");
    assertThat(errors.get(0).get("field").toString())
        .isEqualTo("[\"input\",\"quantities\",\"0\",\"locationId\"]");
    assertThat(errors.get(1).get("code").asText()).isEqualTo("ITEM_NOT_STOCKED_AT_LOCATION");
    assertThat(errors.get(1).at("/field/2").asText()).isEqualTo("1");
    assertThat(shopify().inventory().get("LOC-1")).isEqualTo(6);
  }

  @Test
  void inventoryIsKeptPerLocationAndBuyersBuyWhatTheOnlineLocationsHoldTogether() {
    admin("PUT", "/shopify/stock", "{\"LOC-2\":10}");
    String token = token();
    Inventory inventory = shopify().inventory();

    assertThat(shopify().levels("LOC-2"))
        .containsExactly(
            Map.entry(MAIN_WAREHOUSE.id(), 10),
            Map.entry(FLAGSHIP_STORE.id(), 0),
            Map.entry(OVERFLOW_WAREHOUSE.id(), 0));
    assertThat(
            set(
                token,
                List.<Object[]>of(
                    new Object[] {"LOC-2", OVERFLOW_WAREHOUSE.id(), 4, 0},
                    new Object[] {"LOC-2", FLAGSHIP_STORE.id(), 7, 0})))
        .isEmpty();
    // The store's shelf sells in person only: online buyers see the two warehouses.
    assertThat(inventory.get("LOC-2")).isEqualTo(14);
    assertThat(shopify().levels("LOC-2"))
        .containsEntry(MAIN_WAREHOUSE.id(), 10)
        .containsEntry(FLAGSHIP_STORE.id(), 7)
        .containsEntry(OVERFLOW_WAREHOUSE.id(), 4);

    ObjectNode variables =
        JSON.createObjectNode()
            .put("query", "sku:LOC-2")
            .put("location", MAIN_WAREHOUSE.id())
            .put("store", FLAGSHIP_STORE.id());
    JsonNode read =
        graphql(
            token,
            "query inventory($query: String!, $location: ID!, $store: ID!) {"
                + " inventoryItems(first: 250, query: $query) { nodes { id sku"
                + " warehouse: inventoryLevel(locationId: $location) { quantities(names: [\"available\"]) { name quantity } }"
                + " shelf: inventoryLevel(locationId: $store) { quantities(names: [\"available\"]) { name quantity } }"
                + " gone: inventoryLevel(locationId: \""
                + CLOSED_POPUP.id()
                + "\") { quantities(names: [\"available\"]) { name quantity } } } } }",
            variables);
    JsonNode item = read.at("/data/inventoryItems/nodes/0");
    assertThat(item.at("/warehouse/quantities/0/quantity").asInt()).isEqualTo(10);
    assertThat(item.at("/warehouse/location/id").asText()).isEqualTo(MAIN_WAREHOUSE.id());
    assertThat(item.at("/shelf/quantities/0/quantity").asInt()).isEqualTo(7);
    assertThat(item.get("gone").isNull()).isTrue();

    // A sale the primary location cannot cover is fulfilled from the other online warehouse.
    for (int i = 0; i < 12; i++) {
      admin("POST", "/shopify/sell", "{\"sku\":\"LOC-2\",\"quantity\":1}");
    }
    assertThat(inventory.get("LOC-2")).isEqualTo(2);
    assertThat(shopify().levels("LOC-2"))
        .containsEntry(MAIN_WAREHOUSE.id(), 0)
        .containsEntry(OVERFLOW_WAREHOUSE.id(), 2)
        .containsEntry(FLAGSHIP_STORE.id(), 7);

    // One call that sets both warehouses is one write of the figure buyers then see.
    int writesBefore = inventory.writes().size();
    assertThat(
            set(
                token,
                List.<Object[]>of(
                    new Object[] {"LOC-2", MAIN_WAREHOUSE.id(), 5, 0},
                    new Object[] {"LOC-2", OVERFLOW_WAREHOUSE.id(), 0, 2})))
        .isEmpty();
    assertThat(inventory.writes().subList(writesBefore, inventory.writes().size()))
        .extracting(Inventory.Write::quantity)
        .containsExactly(5);
    assertThat(inventory.get("LOC-2")).isEqualTo(5);
  }

  @Test
  void aStaleQuantityIsStaleAtItsOwnLocation() {
    admin("PUT", "/shopify/stock", "{\"LOC-3\":6}");
    shopify().stockAt("LOC-3", OVERFLOW_WAREHOUSE.id(), 2);
    String token = token();

    JsonNode errors =
        set(
            token,
            List.<Object[]>of(
                new Object[] {"LOC-3", MAIN_WAREHOUSE.id(), 1, 5},
                new Object[] {"LOC-3", OVERFLOW_WAREHOUSE.id(), 0, 2}));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("code").asText()).isEqualTo("CHANGE_FROM_QUANTITY_STALE");
    assertThat(errors.get(0).at("/field/2").asText()).isEqualTo("0");
    assertThat(shopify().levels("LOC-3"))
        .containsEntry(MAIN_WAREHOUSE.id(), 6)
        .containsEntry(OVERFLOW_WAREHOUSE.id(), 0);
  }

  @Test
  void aShopCanBeSetUpWithOtherLocationsAndAPrimaryThatDoesNotSellOnline() {
    shopify().locations(FLAGSHIP_STORE, OVERFLOW_WAREHOUSE);
    admin("PUT", "/shopify/stock", "{\"LOC-4\":3}");
    String token = token();

    JsonNode primary = graphql(token, "query { location { id fulfillsOnlineOrders } }", null);

    assertThat(primary.at("/data/location/id").asText()).isEqualTo(FLAGSHIP_STORE.id());
    assertThat(primary.at("/data/location/fulfillsOnlineOrders").asBoolean()).isFalse();
    // Stock set out of band is counted where the shop sells online from.
    assertThat(shopify().levels("LOC-4"))
        .containsExactly(Map.entry(FLAGSHIP_STORE.id(), 0), Map.entry(OVERFLOW_WAREHOUSE.id(), 3));
    assertThat(set(token, List.<Object[]>of(new Object[] {"LOC-4", MAIN_WAREHOUSE.id(), 1, 3})))
        .extracting(e -> e.get("code").asText())
        .containsExactly("INVALID_LOCATION");
  }
}
