package com.storewire.dataflow.forecast.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Units of one SKU sold on one channel on one day, at a unit price. Several records for the same
 * SKU, channel and day add up, so the history may hold order lines or daily totals.
 *
 * @param epochDay the day, as days since 1970-01-01 (UTC)
 */
@DefaultCoder(SerializableCoder.class)
public record DemandRecord(String sku, String channel, long epochDay, long units, double unitPrice)
    implements Serializable {

  public double revenue() {
    return units * unitPrice;
  }
}
