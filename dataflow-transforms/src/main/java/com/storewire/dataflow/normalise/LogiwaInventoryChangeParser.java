package com.storewire.dataflow.normalise;

import com.storewire.events.AdjustmentReason;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Logiwa's unsigned "Inventory Change" webhook. A goods receipt is a delta ({@code Quantity}); a
 * stock count is the counted total ({@code TotalInventoryQuantity}), since the count is the truth.
 * Other transaction types have no agreed meaning for on-hand yet, so they are refused by name
 * rather than guessed.
 */
final class LogiwaInventoryChangeParser implements VendorParser {

  private static final Set<String> KNOWN =
      Set.of(
          "EventType",
          "TransactionId",
          "TransactionType",
          "Code",
          "Quantity",
          "TotalInventoryQuantity",
          "AvailableQuantity",
          "WarehouseCode",
          "ClientCode");

  @Override
  public SystemId vendor() {
    return SystemId.LOGIWA;
  }

  @Override
  public String vendorTopic() {
    return "inventory-change";
  }

  @Override
  public ParsedPayload parse(JsonPayload change, Instant receivedAt) {
    StockAdjusted.Builder adjusted =
        StockAdjusted.newBuilder()
            .setSku(change.text("Code"))
            .setSourceSystem(SystemId.LOGIWA)
            .setReference(change.text("TransactionId"));
    String type = change.text("TransactionType");
    switch (type) {
      case "Receipt" ->
          adjusted
              .setReason(AdjustmentReason.RECEIPT)
              .setQuantityChange(change.wholeNumber("Quantity"));
      case "Count" ->
          adjusted
              .setReason(AdjustmentReason.STOCK_TAKE)
              .setCountedOnHand(change.wholeNumber("TotalInventoryQuantity"));
      default ->
          throw new PayloadException(
              change.pathOf("TransactionType"), "no stock meaning agreed for '" + type + "'");
    }
    return ParsedPayload.of(List.of(adjusted.build()), change.unknownFields(KNOWN));
  }
}
