package com.storewire.dataflow.forecast.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * One day's forecast for one SKU on one channel: a row of {@link ForecastTable}. Safety stock,
 * reorder point, service level and class are the SKU's, across its channels, repeated on each row.
 *
 * @param forecastDate ISO day, e.g. {@code 2026-12-02}
 * @param backtestMase null for a new SKU that had too little history to backtest
 * @param generatedAt ISO instant of the run
 */
@DefaultCoder(SerializableCoder.class)
public record ForecastRow(
    String sku,
    String channel,
    String forecastDate,
    String method,
    double forecastUnits,
    double lowerUnits,
    double upperUnits,
    long safetyStock,
    long reorderPoint,
    double serviceLevel,
    String abcClass,
    Double backtestMase,
    String generatedAt)
    implements Serializable {}
