package com.storewire.dataflow.forecast.pipeline;

import com.storewire.dataflow.forecast.method.DemandForecaster;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Turns demand records into one forecast per SKU and channel. Each series runs from its first sale
 * to the last day anyone sold anything, so days without sales count as zero demand, including the
 * days after a SKU stopped selling; the days before its first sale do not count.
 */
final class ForecastChannels
    extends PTransform<PCollection<DemandRecord>, PCollection<ChannelForecast>> {

  private final int horizonDays;

  ForecastChannels(int horizonDays) {
    this.horizonDays = horizonDays;
  }

  @Override
  public PCollection<ChannelForecast> expand(PCollection<DemandRecord> records) {
    PCollectionView<Long> lastDay =
        records
            .apply(
                "TakeDays", MapElements.into(TypeDescriptors.longs()).via(DemandRecord::epochDay))
            .apply("FindLastDay", Max.longsGlobally())
            .apply("ViewLastDay", View.asSingleton());
    return records
        .apply(
            "KeyBySkuAndChannel",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                        TypeDescriptor.of(DemandRecord.class)))
                .via((DemandRecord record) -> KV.of(KV.of(record.sku(), record.channel()), record)))
        .setCoder(
            KvCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), records.getCoder()))
        .apply("GroupSeries", GroupByKey.create())
        .apply(
            "ForecastSeries",
            ParDo.of(new ForecastSeriesFn(horizonDays, lastDay)).withSideInputs(lastDay));
  }

  private static final class ForecastSeriesFn
      extends DoFn<KV<KV<String, String>, Iterable<DemandRecord>>, ChannelForecast> {

    private final int horizonDays;
    private final PCollectionView<Long> lastDayView;
    private final DemandForecaster forecaster = DemandForecaster.standard();

    ForecastSeriesFn(int horizonDays, PCollectionView<Long> lastDayView) {
      this.horizonDays = horizonDays;
      this.lastDayView = lastDayView;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      KV<String, String> skuChannel = context.element().getKey();
      long lastDay = context.sideInput(lastDayView);
      long firstDay = Long.MAX_VALUE;
      for (DemandRecord record : context.element().getValue()) {
        firstDay = Math.min(firstDay, record.epochDay());
      }
      double[] dailyUnits = new double[Math.toIntExact(lastDay - firstDay + 1)];
      for (DemandRecord record : context.element().getValue()) {
        dailyUnits[Math.toIntExact(record.epochDay() - firstDay)] += record.units();
      }
      context.output(
          new ChannelForecast(
              skuChannel.getKey(),
              skuChannel.getValue(),
              firstDay,
              lastDay,
              forecaster.forecast(dailyUnits, horizonDays)));
    }
  }
}
