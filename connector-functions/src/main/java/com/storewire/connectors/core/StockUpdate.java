package com.storewire.connectors.core;

/**
 * The quantity a channel should show for a SKU, as of a stock version; urgent when it takes the
 * channel to its low-stock threshold or below.
 */
public record StockUpdate(String sku, int quantity, long version, String eventId, boolean urgent) {}
