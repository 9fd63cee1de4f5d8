package com.storewire.dataflow.forecast.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** A history line the pipeline could not use, kept whole, with the reason. */
@DefaultCoder(SerializableCoder.class)
public record FailedRecord(String payload, String errorMessage) implements Serializable {}
