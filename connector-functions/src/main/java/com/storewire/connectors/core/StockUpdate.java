package com.storewire.connectors.core;

/** The quantity a channel should show for a SKU, as of a stock version. */
public record StockUpdate(String sku, int quantity, long version, String eventId) {}
