package com.storewire.dataflow.normalise;

import com.storewire.events.DriftDetected;
import com.storewire.events.DriftKind;
import com.storewire.events.SystemId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Shopify's {@code inventory_levels/update}: what Shopify now shows as available for an inventory
 * item at a location. Storewire pushes availability to Shopify, so this is Shopify's copy, not
 * on-hand stock: publishing it as a StockAdjusted would let a channel's number overwrite the
 * warehouse's. It is recorded as a DriftDetected observation (what Shopify shows) that the
 * reconciliation job can compare with the availability it last pushed; {@code expected} says so.
 * Storewire's Shopify items are keyed by SKU, so the inventory item id is the SKU.
 */
final class ShopifyInventoryLevelParser implements VendorParser {

  private static final Set<String> KNOWN =
      Set.of("inventory_item_id", "location_id", "available", "updated_at", "admin_graphql_api_id");

  @Override
  public SystemId vendor() {
    return SystemId.SHOPIFY;
  }

  @Override
  public String vendorTopic() {
    return "inventory_levels/update";
  }

  @Override
  public ParsedPayload parse(JsonPayload level, Instant receivedAt) {
    String available = String.valueOf(level.wholeNumber("available"));
    return ParsedPayload.of(
        List.of(
            DriftDetected.newBuilder()
                .setSystem(SystemId.SHOPIFY)
                .setKind(DriftKind.STOCK_MISMATCH)
                .setEntityId(level.text("inventory_item_id"))
                .setExpected("availability last pushed by Storewire")
                .setObserved(available + " available at location " + level.text("location_id"))
                .build()),
        level.unknownFields(KNOWN));
  }
}
