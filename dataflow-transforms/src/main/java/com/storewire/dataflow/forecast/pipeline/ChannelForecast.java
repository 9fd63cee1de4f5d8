package com.storewire.dataflow.forecast.pipeline;

import com.storewire.dataflow.forecast.method.SeriesForecast;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * One SKU's forecast on one channel, from a history running from its first sale on {@code firstDay}
 * to {@code lastDay}, the last day of the whole history (epoch days).
 */
@DefaultCoder(SerializableCoder.class)
public record ChannelForecast(
    String sku, String channel, long firstDay, long lastDay, SeriesForecast forecast)
    implements Serializable {}
