package com.storewire.intake.stock;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;

/**
 * Where stock lives in Firestore. {@code skus/{sku}} holds what changes rarely (on hand, safety
 * stock, deficit, shard count, channel buffers, ring-fenced lots); {@code skus/{sku}/shards/{n}}
 * hold the units reservations take ({@code available}) and hold ({@code reserved}). Writers of a
 * hot SKU meet only when they pick the same shard, so it scales with its shard count.
 */
public final class StockDocuments {

  public static final String SKUS = "skus";
  public static final String SHARDS = "shards";

  public static final String ON_HAND = "on_hand";
  public static final String SAFETY_STOCK = "safety_stock";
  public static final String DEFICIT = "deficit";
  public static final String SHARD_COUNT = "shard_count";

  /**
   * One past the highest shard id the SKU has ever had: shards past a lowered {@link #SHARD_COUNT}
   * stay (with the units reserved on them), so a reader fetching shards by id reads ids 0 to span −
   * 1. Absent on documents written before it was kept; those shards are found by a query.
   */
  public static final String SHARD_SPAN = "shard_span";

  public static final String CHANNEL_BUFFERS = "channel_buffers";

  /** Ring-fenced channels' lots: channel → {lot, granted, sold}; see {@link ChannelAllocation}. */
  public static final String ALLOCATIONS = "allocations";

  public static final String AVAILABLE = "available";
  public static final String RESERVED = "reserved";

  private StockDocuments() {}

  public static DocumentReference sku(Firestore db, String sku) {
    return db.collection(SKUS).document(sku);
  }

  public static CollectionReference shards(Firestore db, String sku) {
    return sku(db, sku).collection(SHARDS);
  }

  public static DocumentReference shard(Firestore db, String sku, String shard) {
    return shards(db, sku).document(shard);
  }
}
