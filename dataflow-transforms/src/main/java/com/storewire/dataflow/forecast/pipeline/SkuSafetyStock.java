package com.storewire.dataflow.forecast.pipeline;

import com.storewire.dataflow.forecast.stock.AbcClass;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * A SKU's safety stock across its channels and the channel forecasts it rests on.
 *
 * @param meanDailyDemand E[D], the sum of the channels' mean daily forecasts
 * @param dailyDemandStdDev σ_D, the channels' forecast errors combined as independent
 * @param windowStartDay first day of history on any channel (epoch day)
 * @param windowEndDay the day after the history's last (epoch day, exclusive)
 */
@DefaultCoder(SerializableCoder.class)
public record SkuSafetyStock(
    String sku,
    AbcClass abcClass,
    double serviceLevel,
    int safetyStock,
    int reorderPoint,
    double meanDailyDemand,
    double dailyDemandStdDev,
    long windowStartDay,
    long windowEndDay,
    List<ChannelForecast> channels)
    implements Serializable {}
