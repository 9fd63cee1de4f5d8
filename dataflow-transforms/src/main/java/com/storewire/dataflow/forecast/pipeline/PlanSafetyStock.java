package com.storewire.dataflow.forecast.pipeline;

import com.storewire.dataflow.forecast.method.SeriesForecast;
import com.storewire.dataflow.forecast.stock.AbcClass;
import com.storewire.dataflow.forecast.stock.LeadTime;
import com.storewire.dataflow.forecast.stock.SafetyStock;
import com.storewire.dataflow.forecast.stock.ServiceLevelPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * From history lines to each SKU's safety stock: parses the lines, forecasts every SKU on every
 * channel, classes SKUs by revenue and sets each SKU's safety stock and reorder point across its
 * channels. Outputs {@link #EVENTS} (SafetyStockUpdated, encoded), {@link #FORECAST_ROWS} and
 * {@link #FAILURES} (unreadable lines).
 *
 * <p>Channels share one stock, so their demand adds up: E[D] is the sum of their means and σ_D² the
 * sum of their error variances, taking channels' forecast errors as independent.
 */
public final class PlanSafetyStock extends PTransform<PCollection<String>, PCollectionTuple> {

  public static final TupleTag<String> EVENTS = new TupleTag<>() {};
  public static final TupleTag<ForecastRow> FORECAST_ROWS = new TupleTag<>() {};
  public static final TupleTag<FailedRecord> FAILURES = ParseDemandRecords.FAILURES;

  private final ServiceLevelPolicy policy;
  private final LeadTime leadTime;
  private final int horizonDays;
  private final Instant generatedAt;

  /**
   * @param generatedAt the run's time: the events' time and the rows' {@code generated_at}
   */
  public PlanSafetyStock(
      ServiceLevelPolicy policy, LeadTime leadTime, int horizonDays, Instant generatedAt) {
    this.policy = policy;
    this.leadTime = leadTime;
    this.horizonDays = horizonDays;
    // Milliseconds, as events carry time; BigQuery would refuse a TIMESTAMP in nanoseconds.
    this.generatedAt = generatedAt.truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public PCollectionTuple expand(PCollection<String> lines) {
    PCollectionTuple parsed = lines.apply("ParseHistory", new ParseDemandRecords());
    PCollection<DemandRecord> records = parsed.get(ParseDemandRecords.RECORDS);
    PCollectionView<Map<String, AbcClass>> classes =
        records.apply("ClassifySkus", new ClassifySkusByRevenue(policy));
    PCollection<SkuSafetyStock> plans =
        records
            .apply("ForecastChannels", new ForecastChannels(horizonDays))
            .apply(
                "KeyBySku",
                WithKeys.<String, ChannelForecast>of(ChannelForecast::sku)
                    .withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ChannelForecast.class)))
            .apply("GroupChannels", GroupByKey.create())
            .apply(
                "ComputeSafetyStock",
                ParDo.of(new ComputeSafetyStockFn(policy, leadTime, classes))
                    .withSideInputs(classes));
    SafetyStockEvents events = new SafetyStockEvents(leadTime, generatedAt);
    String generatedAtText = generatedAt.toString();
    return PCollectionTuple.of(
            EVENTS,
            plans.apply(
                "EncodeSafetyStockEvents",
                MapElements.into(TypeDescriptors.strings()).via(events::encode)))
        .and(
            FORECAST_ROWS,
            plans.apply(
                "ToForecastRows",
                FlatMapElements.into(TypeDescriptor.of(ForecastRow.class))
                    .via((SkuSafetyStock plan) -> forecastRows(plan, generatedAtText))))
        .and(FAILURES, parsed.get(ParseDemandRecords.FAILURES));
  }

  static List<ForecastRow> forecastRows(SkuSafetyStock plan, String generatedAt) {
    List<ForecastRow> rows = new ArrayList<>();
    for (ChannelForecast channel : plan.channels()) {
      SeriesForecast forecast = channel.forecast();
      Double mase = Double.isNaN(forecast.backtestMase()) ? null : forecast.backtestMase();
      for (int h = 0; h < forecast.units().length; h++) {
        rows.add(
            new ForecastRow(
                plan.sku(),
                channel.channel(),
                LocalDate.ofEpochDay(channel.lastDay() + 1 + h).toString(),
                forecast.method(),
                forecast.units()[h],
                forecast.lowerUnits()[h],
                forecast.upperUnits()[h],
                plan.safetyStock(),
                plan.reorderPoint(),
                plan.serviceLevel(),
                plan.abcClass().name(),
                mase,
                generatedAt));
      }
    }
    return rows;
  }

  private static final class ComputeSafetyStockFn
      extends DoFn<KV<String, Iterable<ChannelForecast>>, SkuSafetyStock> {

    private final ServiceLevelPolicy policy;
    private final LeadTime leadTime;
    private final PCollectionView<Map<String, AbcClass>> classesView;

    ComputeSafetyStockFn(
        ServiceLevelPolicy policy,
        LeadTime leadTime,
        PCollectionView<Map<String, AbcClass>> classesView) {
      this.policy = policy;
      this.leadTime = leadTime;
      this.classesView = classesView;
    }

    @ProcessElement
    public void processElement(ProcessContext context) {
      String sku = context.element().getKey();
      List<ChannelForecast> channels = new ArrayList<>();
      context.element().getValue().forEach(channels::add);
      channels.sort(Comparator.comparing(ChannelForecast::channel));
      double meanDailyDemand = 0;
      double errorVariance = 0;
      long windowStartDay = Long.MAX_VALUE;
      for (ChannelForecast channel : channels) {
        meanDailyDemand += channel.forecast().meanDailyUnits();
        errorVariance += Math.pow(channel.forecast().errorStdDev(), 2);
        windowStartDay = Math.min(windowStartDay, channel.firstDay());
      }
      AbcClass abcClass = context.sideInput(classesView).getOrDefault(sku, AbcClass.C);
      double serviceLevel = policy.serviceLevel(abcClass);
      double dailyDemandStdDev = Math.sqrt(errorVariance);
      SafetyStock stock =
          SafetyStock.of(meanDailyDemand, dailyDemandStdDev, leadTime, serviceLevel);
      context.output(
          new SkuSafetyStock(
              sku,
              abcClass,
              serviceLevel,
              stock.wholeUnits(),
              stock.wholeReorderPoint(),
              meanDailyDemand,
              dailyDemandStdDev,
              windowStartDay,
              channels.get(0).lastDay() + 1,
              channels));
    }
  }
}
