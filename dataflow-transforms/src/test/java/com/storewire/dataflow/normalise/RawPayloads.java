package com.storewire.dataflow.normalise;

import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.SystemId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Vendor payloads in the shapes the vendor sandbox's imitations send (and the vendors document),
 * wrapped as order intake and the webhook function wrap them.
 */
final class RawPayloads {

  static final Instant RECEIVED = Instant.parse("2026-11-30T10:15:00.250Z");

  static final String SHOPIFY_ORDER =
      """
      {"id":820982911946154508,"name":"#1001","currency":"USD","total_price":"59.97",
       "email":"ada@example.com","created_at":"2026-11-30T10:14:58Z",
       "line_items":[{"sku":"TEE-BLK-M","quantity":2,"price":"19.99"},
                     {"sku":"MUG-WHT","quantity":1,"price":"19.99"}],
       "shipping_address":{"name":"Ada Lovelace","address1":"12 St James's Square",
         "city":"London","zip":"SW1Y 4JH","country_code":"GB"}}
      """;

  static final String SHOPIFY_INVENTORY_LEVEL =
      """
      {"inventory_item_id":"TEE-BLK-M","location_id":24826418,"available":7,
       "updated_at":"2026-11-30T10:14:58Z"}
      """;

  static final String WOOCOMMERCE_ORDER =
      """
      {"id":727,"status":"processing","currency":"EUR","total":"31.50",
       "billing":{"email":"grace@example.com"},
       "shipping":{"first_name":"Grace","last_name":"Hopper","address_1":"1 Navy Way",
         "city":"Arlington","state":"VA","postcode":"22202","country":"US"},
       "line_items":[{"id":315,"sku":"MUG-WHT","quantity":3,"price":10.5}]}
      """;

  static final String EBAY_ORDER =
      """
      {"metadata":{"topic":"ORDER","schemaVersion":"1.0","deprecated":false},
       "notification":{"notificationId":"6a3c1f","eventDate":"2026-11-30T10:14:58Z",
         "publishDate":"2026-11-30T10:14:59Z","publishAttemptCount":1,
         "data":{"orderId":"12-34567-89012",
           "pricingSummary":{"total":{"value":"40.00","currency":"USD"}},
           "lineItems":[{"sku":"TEE-BLK-M","quantity":2,
             "lineItemCost":{"value":"40.00","currency":"USD"}}]}}}
      """;

  static final String AMAZON_ORDER_CHANGE =
      """
      {"version":"0","id":"e5f1","detail-type":"ORDER_CHANGE",
       "source":"aws.partner/sellingpartnerapi.amazon","time":"2026-11-30T10:14:58Z",
       "detail":{"NotificationVersion":"1.0","NotificationType":"ORDER_CHANGE",
         "Payload":{"OrderChangeNotification":{"NotificationLevel":"OrderLevel",
           "AmazonOrderId":"113-0000001-0000001","OrderChangeType":"OrderStatusChange",
           "Summary":{"MarketplaceId":"A1F83G8C2ARO7P","OrderStatus":"%s",
             "FulfillmentType":"MFN",
             "OrderItems":[{"OrderItemId":"1","SellerSKU":"MUG-WHT","Quantity":4}]}}},
         "NotificationMetadata":{"NotificationId":"n-1"}}}
      """;

  static final String SHIPSTATION_THIN_NOTIFY =
      """
      {"resource_url":"https://ssapi.shipstation.com/shipments?batchId=42",
       "resource_type":"SHIP_NOTIFY"}
      """;

  static final String SHIPSTATION_SHIPMENTS =
      """
      {"shipments":[
        {"shipmentId":901,"orderKey":"shopify-820982911946154508","carrierCode":"ups",
         "serviceCode":"ups_ground","trackingNumber":"1Z999","shipDate":"2026-11-30",
         "customerEmail":"ada@example.com",
         "shipmentItems":[{"sku":"TEE-BLK-M","quantity":2}]},
        {"shipmentId":902,"orderKey":"ebay-12-34567-89012","carrierCode":"usps",
         "shipDate":"2026-11-30T00:00:00.0000000",
         "shipmentItems":[{"sku":"TEE-BLK-M","quantity":2}]}],
       "total":2,"page":1,"pages":1}
      """;

  static final String LOGIWA_RECEIPT =
      """
      {"EventType":"Inventory Change","TransactionId":"LW-17","TransactionType":"Receipt",
       "Code":"MUG-WHT","Quantity":24,"TotalInventoryQuantity":30,"AvailableQuantity":30}
      """;

  static final String LOGIWA_COUNT =
      """
      {"EventType":"Inventory Change","TransactionId":"LW-18","TransactionType":"Count",
       "Code":"MUG-WHT","Quantity":-2,"TotalInventoryQuantity":28,"AvailableQuantity":28}
      """;

  private RawPayloads() {}

  /** A raw payload event as order intake publishes it, its id named for the test. */
  static Event raw(String id, SystemId vendor, String vendorTopic, String body) {
    return EventBuilder.of(
            RawVendorPayload.newBuilder()
                .setVendor(vendor)
                .setVendorTopic(vendorTopic)
                .setVendorEventId("delivery-" + id)
                .setReceivedAt(RECEIVED)
                .setSignatureVerified(true)
                .setContentType("application/json")
                .setBody(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                .build())
        .id(id)
        .source("//storewire/order-intake/webhooks/" + vendor.name().toLowerCase())
        .time(RECEIVED)
        .idempotencyKey("key-" + id)
        .correlationId("corr-" + id)
        .build();
  }
}
