package com.storewire.intake.stock;

import com.google.cloud.Timestamp;

/** A shard as read: its units and the update time a write must still find to succeed. */
public record ShardUnits(
    String sku, String shard, long available, long reserved, Timestamp updateTime) {}
