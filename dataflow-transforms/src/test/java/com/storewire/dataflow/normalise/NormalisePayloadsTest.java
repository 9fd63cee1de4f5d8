package com.storewire.dataflow.normalise;

import static com.storewire.dataflow.normalise.RawPayloads.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.dataflow.events.EventCoder;
import com.storewire.dataflow.failures.PipelineFailure;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.DriftDetected;
import com.storewire.events.Event;
import com.storewire.events.OrderPlaced;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Each vendor's payload, in the shape the vendor sends it, becomes the canonical event it means,
 * caused by the raw payload and keeping its idempotency key; what cannot be normalised becomes a
 * failure naming the field; drift is counted, not refused.
 */
public class NormalisePayloadsTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private PCollectionTuple normalise(Event... raws) {
    return pipeline
        .apply(Create.of(List.of(raws)).withCoder(EventCoder.of()))
        .apply(NormalisePayloads.forPipeline("normalise-test"));
  }

  private static Map<String, Event> byId(Iterable<Event> events) {
    return StreamSupport.stream(events.spliterator(), false)
        .collect(Collectors.toMap(Event::getId, Function.identity()));
  }

  @Test
  public void everyVendorsSamplePayloadBecomesItsCanonicalEvent() {
    PCollectionTuple out =
        normalise(
            raw("shopify-order", SystemId.SHOPIFY, "orders/create", RawPayloads.SHOPIFY_ORDER),
            raw(
                "shopify-level",
                SystemId.SHOPIFY,
                "inventory_levels/update",
                RawPayloads.SHOPIFY_INVENTORY_LEVEL),
            raw("woo-order", SystemId.WOOCOMMERCE, "order.created", RawPayloads.WOOCOMMERCE_ORDER),
            raw("ebay-order", SystemId.EBAY, "notification", RawPayloads.EBAY_ORDER),
            raw(
                "amazon-order",
                SystemId.AMAZON,
                "ORDER_CHANGE",
                RawPayloads.AMAZON_ORDER_CHANGE.formatted("Unshipped")),
            raw(
                "shipstation-shipments",
                SystemId.SHIPSTATION,
                "SHIP_NOTIFY",
                RawPayloads.SHIPSTATION_SHIPMENTS),
            raw("logiwa-receipt", SystemId.LOGIWA, "inventory-change", RawPayloads.LOGIWA_RECEIPT),
            raw("logiwa-count", SystemId.LOGIWA, "inventory-change", RawPayloads.LOGIWA_COUNT));

    PAssert.that(out.get(NormalisePayloads.FAILURES)).empty();
    PAssert.that(out.get(NormalisePayloads.NORMALISED))
        .satisfies(
            events -> {
              Map<String, Event> byId = byId(events);
              assertThat(byId)
                  .containsOnlyKeys(
                      "shopify-order/order_placed",
                      "shopify-level/drift_detected",
                      "woo-order/order_placed",
                      "ebay-order/order_placed",
                      "amazon-order/order_placed",
                      "shipstation-shipments/shipment_created/0",
                      "shipstation-shipments/shipment_created/1",
                      "logiwa-receipt/stock_adjusted",
                      "logiwa-count/stock_adjusted");

              Event shopify = byId.get("shopify-order/order_placed");
              assertThat(shopify.getIdempotencyKey()).isEqualTo("key-shopify-order");
              assertThat(shopify.getCausationId()).isEqualTo("shopify-order");
              assertThat(shopify.getCorrelationId()).isEqualTo("corr-shopify-order");
              assertThat(shopify.getSource()).isEqualTo(NormalisePayloads.SOURCE);
              OrderPlaced shopifyOrder = (OrderPlaced) shopify.getData();
              assertThat(shopifyOrder.getOrderId()).isEqualTo("shopify-820982911946154508");
              assertThat(shopifyOrder.getChannel()).isEqualTo("shopify");
              assertThat(shopifyOrder.getTotal().getAmountMinor()).isEqualTo(5997);
              assertThat(shopifyOrder.getLines()).hasSize(2);
              assertThat(shopifyOrder.getLines().get(0).getUnitPrice().getAmountMinor())
                  .isEqualTo(1999);
              assertThat(shopifyOrder.getShipTo().getCountryCode()).isEqualTo("GB");
              assertThat(shopifyOrder.getCustomerEmail()).isEqualTo("ada@example.com");

              DriftDetected level =
                  (DriftDetected) byId.get("shopify-level/drift_detected").getData();
              assertThat(level.getSystem()).isEqualTo(SystemId.SHOPIFY);
              assertThat(level.getEntityId()).isEqualTo("TEE-BLK-M");
              assertThat(level.getObserved()).startsWith("7 available");

              OrderPlaced woo = (OrderPlaced) byId.get("woo-order/order_placed").getData();
              assertThat(woo.getOrderId()).isEqualTo("woocommerce-727");
              assertThat(woo.getTotal().getAmountMinor()).isEqualTo(3150);
              assertThat(woo.getTotal().getCurrency()).isEqualTo("EUR");
              assertThat(woo.getCustomerEmail()).isEqualTo("grace@example.com");
              assertThat(woo.getShipTo().getName()).isEqualTo("Grace Hopper");

              OrderPlaced ebay = (OrderPlaced) byId.get("ebay-order/order_placed").getData();
              assertThat(ebay.getOrderId()).isEqualTo("ebay-12-34567-89012");
              assertThat(ebay.getLines().get(0).getUnitPrice().getAmountMinor()).isEqualTo(2000);
              assertThat(ebay.getTotal().getAmountMinor()).isEqualTo(4000);

              OrderPlaced amazon = (OrderPlaced) byId.get("amazon-order/order_placed").getData();
              assertThat(amazon.getChannelOrderId()).isEqualTo("113-0000001-0000001");
              assertThat(amazon.getTotal().getCurrency()).isEqualTo("GBP");
              assertThat(amazon.getLines().get(0).getQuantity()).isEqualTo(4);

              Event firstShipment = byId.get("shipstation-shipments/shipment_created/0");
              assertThat(firstShipment.getIdempotencyKey())
                  .isEqualTo("key-shipstation-shipments/0");
              ShipmentCreated shipment = (ShipmentCreated) firstShipment.getData();
              assertThat(shipment.getOrderId()).isEqualTo("shopify-820982911946154508");
              assertThat(shipment.getCarrier()).isEqualTo("ups");
              assertThat(shipment.getTrackingNumber()).isEqualTo("1Z999");

              StockAdjusted receipt =
                  (StockAdjusted) byId.get("logiwa-receipt/stock_adjusted").getData();
              assertThat(receipt.getReason()).isEqualTo(AdjustmentReason.RECEIPT);
              assertThat(receipt.getQuantityChange()).isEqualTo(24);
              assertThat(receipt.getReference()).isEqualTo("LW-17");
              StockAdjusted count =
                  (StockAdjusted) byId.get("logiwa-count/stock_adjusted").getData();
              assertThat(count.getReason()).isEqualTo(AdjustmentReason.STOCK_TAKE);
              assertThat(count.getCountedOnHand()).isEqualTo(28);
              assertThat(count.getQuantityChange()).isNull();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void malformedPayloadsBecomeFailuresNamingTheField() {
    PCollectionTuple out =
        normalise(
            raw("not-json", SystemId.SHOPIFY, "orders/create", "{\"id\": 1, "),
            raw(
                "no-currency",
                SystemId.SHOPIFY,
                "orders/create",
                RawPayloads.SHOPIFY_ORDER.replace("\"currency\":\"USD\",", "")),
            raw(
                "ebay-no-sku",
                SystemId.EBAY,
                "notification",
                RawPayloads.EBAY_ORDER.replace("\"sku\":\"TEE-BLK-M\",", "")),
            raw(
                "bad-sku",
                SystemId.WOOCOMMERCE,
                "order.created",
                RawPayloads.WOOCOMMERCE_ORDER.replace("MUG-WHT", "MUG WHT!")),
            raw(
                "logiwa-pick",
                SystemId.LOGIWA,
                "inventory-change",
                RawPayloads.LOGIWA_RECEIPT.replace("Receipt", "Pick")),
            raw("unknown-topic", SystemId.SHOPIFY, "products/update", "{}"));

    PAssert.that(out.get(NormalisePayloads.NORMALISED)).empty();
    PAssert.that(out.get(NormalisePayloads.FAILURES))
        .satisfies(
            failures -> {
              Map<String, PipelineFailure> bySource =
                  StreamSupport.stream(failures.spliterator(), false)
                      .collect(
                          Collectors.toMap(PipelineFailure::sourceEventId, Function.identity()));
              assertThat(bySource)
                  .containsOnlyKeys(
                      "not-json",
                      "no-currency",
                      "ebay-no-sku",
                      "bad-sku",
                      "logiwa-pick",
                      "unknown-topic");
              assertThat(bySource.get("not-json").field()).isEqualTo("$");
              assertThat(bySource.get("not-json").error()).contains("not JSON");
              assertThat(bySource.get("no-currency").field()).isEqualTo("currency");
              assertThat(bySource.get("no-currency").error()).contains("required field is missing");
              assertThat(bySource.get("ebay-no-sku").field())
                  .isEqualTo("notification.data.lineItems[0].sku");
              assertThat(bySource.get("bad-sku").field()).isEqualTo("data.lines[0].sku");
              assertThat(bySource.get("logiwa-pick").field()).isEqualTo("TransactionType");
              assertThat(bySource.get("unknown-topic").field()).isEqualTo("data.vendor_topic");
              PipelineFailure noCurrency = bySource.get("no-currency");
              assertThat(noCurrency.pipeline()).isEqualTo("normalise-test");
              assertThat(noCurrency.step()).isEqualTo(NormalisePayloads.STEP);
              assertThat(noCurrency.vendor()).isEqualTo("shopify");
              assertThat(noCurrency.vendorTopic()).isEqualTo("orders/create");
              assertThat(noCurrency.rawBody()).contains("\"total_price\":\"59.97\"");
              assertThat(noCurrency.failedAt()).isNotNull();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void payloadsThatMeanNoEventArePublishedNowhereAndCounted() {
    PCollectionTuple out =
        normalise(
            raw(
                "thin-notify",
                SystemId.SHIPSTATION,
                "SHIP_NOTIFY",
                RawPayloads.SHIPSTATION_THIN_NOTIFY),
            raw(
                "amazon-shipped",
                SystemId.AMAZON,
                "ORDER_CHANGE",
                RawPayloads.AMAZON_ORDER_CHANGE.formatted("Shipped")));

    PAssert.that(out.get(NormalisePayloads.NORMALISED)).empty();
    PAssert.that(out.get(NormalisePayloads.FAILURES)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertThat(counter(result, "nothing_to_publish_shipstation")).isEqualTo(1);
    assertThat(counter(result, "nothing_to_publish_amazon")).isEqualTo(1);
  }

  @Test
  public void unknownNewFieldsAreToleratedAndCountedAsDrift() {
    String drifted =
        RawPayloads.SHOPIFY_ORDER.replace(
            "\"name\":\"#1001\",", "\"name\":\"#1001\",\"unexpected_field\":true,");
    String ebayWithoutSummary =
        RawPayloads.EBAY_ORDER
            .replace(
                "\"pricingSummary\":{\"total\":{\"value\":\"40.00\",\"currency\":\"USD\"}},", "")
            .replace("\"orderId\"", "\"unexpected_field\":true,\"orderId\"");
    PCollectionTuple out =
        normalise(
            raw("drifted", SystemId.SHOPIFY, "orders/create", drifted),
            raw("ebay-drifted", SystemId.EBAY, "notification", ebayWithoutSummary));

    PAssert.that(out.get(NormalisePayloads.FAILURES)).empty();
    PCollection<Event> normalised = out.get(NormalisePayloads.NORMALISED);
    PAssert.that(normalised)
        .satisfies(
            events -> {
              Map<String, Event> byId = byId(events);
              assertThat(byId)
                  .containsOnlyKeys("drifted/order_placed", "ebay-drifted/order_placed");
              OrderPlaced ebay = (OrderPlaced) byId.get("ebay-drifted/order_placed").getData();
              assertThat(ebay.getTotal().getAmountMinor()).isEqualTo(4000);
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertThat(counter(result, "schema_drift_fields_shopify")).isEqualTo(1);
    assertThat(counter(result, "schema_drift_fields_ebay")).isEqualTo(1);
    assertThat(counter(result, "normalised_shopify")).isEqualTo(1);
  }

  @Test
  public void normalisesAnUnboundedStreamAsItArrives() {
    Instant start = Instant.parse("2026-11-30T10:15:00Z");
    TestStream<Event> payloads =
        TestStream.create(EventCoder.of())
            .addElements(
                TimestampedValue.of(
                    raw("first", SystemId.LOGIWA, "inventory-change", RawPayloads.LOGIWA_RECEIPT),
                    start))
            .advanceWatermarkTo(start.plus(Duration.standardMinutes(1)))
            .addElements(
                TimestampedValue.of(
                    raw("late-bad", SystemId.LOGIWA, "inventory-change", "[]"),
                    start.plus(Duration.standardSeconds(30))),
                TimestampedValue.of(
                    raw("second", SystemId.LOGIWA, "inventory-change", RawPayloads.LOGIWA_COUNT),
                    start.plus(Duration.standardMinutes(2))))
            .advanceWatermarkToInfinity();
    PCollectionTuple out =
        pipeline.apply(payloads).apply(NormalisePayloads.forPipeline("normalise-test"));

    PAssert.that(out.get(NormalisePayloads.NORMALISED))
        .satisfies(
            events -> {
              assertThat(byId(events))
                  .containsOnlyKeys("first/stock_adjusted", "second/stock_adjusted");
              return null;
            });
    PAssert.that(out.get(NormalisePayloads.FAILURES))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .singleElement()
                  .satisfies(f -> assertThat(f.field()).isEqualTo("$"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(NormalisePayloads.METRICS, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
