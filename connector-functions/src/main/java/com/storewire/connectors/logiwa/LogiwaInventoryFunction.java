package com.storewire.connectors.logiwa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.ItemFailure;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import java.io.IOException;
import java.util.Map;

/**
 * Logiwa's "Inventory Change" webhook (kept as a raw vendor payload by the webhook function) → a
 * StockAdjusted for order intake: a goods receipt as a delta, a stock count as the counted on-hand
 * quantity, since the count is the truth. The event id is Logiwa's transaction id, so a repeated
 * webhook changes stock once. Logiwa does not guarantee its webhooks: the reconciliation job's
 * StockSearch comparison catches any that never arrive.
 */
public final class LogiwaInventoryFunction extends ConnectorFunction {

  static final String INVENTORY_CHANGE = "inventory-change";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public LogiwaInventoryFunction() {
    this(System.getenv());
  }

  LogiwaInventoryFunction(Map<String, String> env) {
    super(SystemId.LOGIWA, "inventory-change", "raw-vendor-payloads--logiwa", env);
  }

  @Override
  protected ItemFailure deliver(Event event) {
    if (!(event.getData() instanceof RawVendorPayload raw
        && raw.getVendor() == SystemId.LOGIWA
        && INVENTORY_CHANGE.equals(raw.getVendorTopic()))) {
      return null;
    }
    try {
      events().publish(stockAdjusted(JSON.readTree(raw.getBody().array()), event));
      return null;
    } catch (IOException | VendorFailure e) {
      return new ItemFailure(
          e instanceof VendorFailure failure
              ? failure
              : VendorFailure.permanent(null, "Inventory Change is not JSON: " + e.getMessage()),
          1);
    }
  }

  private static Event stockAdjusted(JsonNode change, Event received) {
    String sku = change.path("Code").asText("");
    String transaction = change.path("TransactionId").asText("");
    String type = change.path("TransactionType").asText("");
    if (sku.isEmpty() || transaction.isEmpty()) {
      throw VendorFailure.permanent(null, "Inventory Change without Code or TransactionId");
    }
    StockAdjusted.Builder adjusted =
        StockAdjusted.newBuilder()
            .setSku(sku)
            .setSourceSystem(SystemId.LOGIWA)
            .setReference(transaction);
    switch (type) {
      case "Receipt" ->
          adjusted
              .setReason(AdjustmentReason.RECEIPT)
              .setQuantityChange(required(change, "Quantity"));
      case "Count" ->
          adjusted
              .setReason(AdjustmentReason.STOCK_TAKE)
              .setCountedOnHand(required(change, "TotalInventoryQuantity"));
      default ->
          throw VendorFailure.permanent(
              null, "Inventory Change of an unmapped TransactionType '" + type + "'");
    }
    return EventBuilder.of(adjusted.build())
        .id("logiwa-" + transaction)
        .source("//storewire/connector-functions/logiwa")
        .causedBy(received.getId(), received.getCorrelationId())
        .build();
  }

  private static int required(JsonNode change, String field) {
    if (!change.path(field).canConvertToInt()) {
      throw VendorFailure.permanent(null, "Inventory Change without a whole " + field);
    }
    return change.get(field).asInt();
  }
}
