// Drives the sandbox with vendors' own official Node clients, unchanged but for where they point:
// Shopify's customFetchApi hook, Klaviyo's basePath, WooCommerce's url, Amazon's base URL (its
// SDK hard-codes the LWA host, so the token is fetched as the SDK would and applied to it). Prints one JSON line per
// client; exits non-zero if any client failed. Usage: node check-clients.mjs SANDBOX_URL CREDENTIALS_JSON
import { ListingsitemsSpApi } from "@amazon-sp-api-release/amazon-sp-api-sdk-js";
import { createAdminApiClient } from "@shopify/admin-api-client";
import WooCommerceRestApiModule from "@woocommerce/woocommerce-rest-api";
import { ApiKeySession, EventsApi } from "klaviyo-api";

const [sandbox, credentialsJson] = process.argv.slice(2);
const credentials = JSON.parse(credentialsJson);
const WooCommerceRestApi = WooCommerceRestApiModule.default ?? WooCommerceRestApiModule;
let failed = false;

async function check(name, body) {
  try {
    console.log(JSON.stringify({ client: name, ok: true, result: await body() }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ client: name, ok: false, error: String(error?.response?.data ? JSON.stringify(error.response.data) : error) }));
  }
}

await check("@shopify/admin-api-client", async () => {
  const tokenResponse = await fetch(`${sandbox}/shopify/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: "shopify-client", client_secret: credentials.shopifyClientSecret,
      grant_type: "refresh_token", refresh_token: credentials.shopifyRefreshToken }),
  });
  const { access_token } = await tokenResponse.json();
  const shop = "https://storewire-test.myshopify.com";
  const client = createAdminApiClient({
    storeDomain: "storewire-test.myshopify.com",
    apiVersion: "2026-04",
    accessToken: access_token,
    retries: 2,
    customFetchApi: (url, init) => fetch(String(url).replace(shop, `${sandbox}/shopify`), init),
  });
  // The shop's primary location, as a connector with no location configured looks it up.
  const primary = await client.request(`query { location { id isActive fulfillsOnlineOrders } }`);
  if (primary.errors) throw new Error(JSON.stringify(primary.errors));
  const { data, errors, extensions } = await client.request(
    `mutation inventorySet($input: InventorySetQuantitiesInput!) @idempotent(key: "check-1") {
      inventorySetQuantities(input: $input) { userErrors { code field message } } }`,
    { variables: { input: { name: "available", reason: "correction", quantities: [
      { inventoryItemId: "gid://shopify/InventoryItem/SHOP-CLIENT", locationId: primary.data.location.id, quantity: 6, changeFromQuantity: 2 }] } } });
  if (errors) throw new Error(JSON.stringify(errors));
  return { userErrors: data.inventorySetQuantities.userErrors, cost: extensions.cost.requestedQueryCost };
});

await check("klaviyo-api", async () => {
  const events = new EventsApi(new ApiKeySession(credentials.klaviyoApiKey));
  events.basePath = `${sandbox}/klaviyo`;
  const response = await events.createEvent({ data: { type: "event", attributes: {
    properties: { order_id: "ord-1" }, uniqueId: "ord-1",
    metric: { data: { type: "metric", attributes: { name: "Placed Order" } } },
    profile: { data: { type: "profile", attributes: { email: "client@example.com" } } } } } });
  return { status: response.response.status };
});

await check("@woocommerce/woocommerce-rest-api", async () => {
  const api = new WooCommerceRestApi({ url: `${sandbox}/woocommerce`, consumerKey: "ck_storewire",
    consumerSecret: credentials.wooConsumerSecret, version: "wc/v3" });
  const found = await api.get("products", { sku: "WOO-CLIENT" });
  const updated = await api.post("products/batch", { update: [{ id: found.data[0].id, stock_quantity: 11 }] });
  return { id: found.data[0].id, stock_quantity: updated.data.update[0].stock_quantity };
});

await check("@amazon-sp-api-release/amazon-sp-api-sdk-js", async () => {
  const tokenResponse = await fetch(`${sandbox}/amazon/auth/o2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: credentials.amazonRefreshToken,
      client_id: "amzn1.application-oa2-client.storewire", client_secret: credentials.amazonClientSecret }),
  });
  const { access_token } = await tokenResponse.json();
  const client = new ListingsitemsSpApi.ApiClient(`${sandbox}/amazon`);
  client.applyXAmzAccessTokenToRequest(access_token);
  const listings = new ListingsitemsSpApi.ListingsApi(client);
  const result = await listings.patchListingsItem("SELLER1", "AMZ-CLIENT", ["ATVPDKIKX0DER"], {
    productType: "MUG",
    patches: [{ op: "merge", path: "/attributes/fulfillment_availability",
      value: [{ fulfillment_channel_code: "DEFAULT", quantity: 8 }] }],
  });
  return { status: result.status, sku: result.sku };
});

process.exit(failed ? 1 : 0);
