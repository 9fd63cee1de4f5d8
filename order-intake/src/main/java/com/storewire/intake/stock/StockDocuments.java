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
