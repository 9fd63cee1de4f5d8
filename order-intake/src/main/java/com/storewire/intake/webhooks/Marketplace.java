package com.storewire.intake.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.events.SystemId;
import io.micronaut.http.HttpHeaders;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What differs per marketplace: its channel, the vendor topic it posts, where its stable delivery
 * id is, and how its payload reads as an order.
 */
enum Marketplace {
  SHOPIFY(
      SystemId.SHOPIFY,
      "orders/create",
      (headers, body) -> headers.get("X-Shopify-Webhook-Id"),
      MarketplacePayloads::shopify),
  // WooCommerce's delivery id is new per attempt; its order id (in ours) dedupes redeliveries.
  WOOCOMMERCE(
      SystemId.WOOCOMMERCE,
      "order.created",
      (headers, body) -> headers.get("X-WC-Webhook-Delivery-ID"),
      MarketplacePayloads::woocommerce),
  EBAY(
      SystemId.EBAY,
      "notification",
      (headers, body) -> body.path("notification").path("notificationId").asText(null),
      MarketplacePayloads::ebay),
  AMAZON(
      SystemId.AMAZON,
      "ORDER_CHANGE",
      (headers, body) ->
          body.path("detail").path("NotificationMetadata").path("NotificationId").asText(null),
      MarketplacePayloads::amazon);

  final SystemId vendor;
  final String vendorTopic;
  final BiFunction<HttpHeaders, JsonNode, String> deliveryId;
  final Function<JsonNode, MarketplaceOrder> parse;

  Marketplace(
      SystemId vendor,
      String vendorTopic,
      BiFunction<HttpHeaders, JsonNode, String> deliveryId,
      Function<JsonNode, MarketplaceOrder> parse) {
    this.vendor = vendor;
    this.vendorTopic = vendorTopic;
    this.deliveryId = deliveryId;
    this.parse = parse;
  }

  String channel() {
    return name().toLowerCase();
  }
}
