package com.storewire.dataflow.forecast.pipeline;

import com.storewire.dataflow.forecast.stock.AbcClass;
import com.storewire.dataflow.forecast.stock.ServiceLevelPolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Ranks every SKU by its revenue over the history and classes it A, B or C. Ranking needs every
 * SKU's revenue in one place, so the per-SKU totals meet on one worker: one number per SKU, which
 * fits for any catalogue Storewire serves.
 */
final class ClassifySkusByRevenue
    extends PTransform<PCollection<DemandRecord>, PCollectionView<Map<String, AbcClass>>> {

  private final ServiceLevelPolicy policy;

  ClassifySkusByRevenue(ServiceLevelPolicy policy) {
    this.policy = policy;
  }

  @Override
  public PCollectionView<Map<String, AbcClass>> expand(PCollection<DemandRecord> records) {
    return records
        .apply(
            "TakeRevenue",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                .via((DemandRecord record) -> KV.of(record.sku(), record.revenue())))
        .apply("SumRevenuePerSku", Sum.doublesPerKey())
        .apply(
            "GatherAllSkus",
            WithKeys.<String, KV<String, Double>>of("all-skus")
                .withKeyType(TypeDescriptors.strings()))
        .apply("GroupAllSkus", GroupByKey.create())
        .apply("RankByRevenue", ParDo.of(new RankFn(policy)))
        .setCoder(MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(AbcClass.class)))
        .apply("ViewClasses", View.asSingleton());
  }

  private static final class RankFn
      extends DoFn<KV<String, Iterable<KV<String, Double>>>, Map<String, AbcClass>> {

    private final ServiceLevelPolicy policy;

    RankFn(ServiceLevelPolicy policy) {
      this.policy = policy;
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<KV<String, Double>>> all,
        OutputReceiver<Map<String, AbcClass>> out) {
      Map<String, Double> revenueBySku = new HashMap<>();
      all.getValue().forEach(sku -> revenueBySku.put(sku.getKey(), sku.getValue()));
      out.output(policy.classify(revenueBySku));
    }
  }
}
