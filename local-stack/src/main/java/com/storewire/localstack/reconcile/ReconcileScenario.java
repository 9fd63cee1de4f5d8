package com.storewire.localstack.reconcile;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.emulators.PubSubRest;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.EventType;
import com.storewire.events.StockAdjusted;
import com.storewire.events.SystemId;
import com.storewire.events.codec.EventJson;
import com.storewire.localstack.stack.LocalStack;
import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Puts the local stack in a known state for reconciliation: SKUs listed on every marketplace,
 * counted in the warehouse (StockAdjusted, as the WMS connector publishes it), and every channel's
 * copy written by the connectors; then drift injected by hand in a marketplace's copy, as someone
 * editing stock in a vendor's admin would.
 */
public final class ReconcileScenario {

  public static final List<String> MARKETPLACES =
      List.of("shopify", "amazon", "ebay", "woocommerce");

  private final LocalStack stack;
  private final OrderIntakeClient intake;
  private final PubSubRest pubsub;

  public ReconcileScenario(LocalStack stack) {
    this.stack = stack;
    this.pubsub = new PubSubRest(stack.emulators().pubsub().hostPort());
    String job = stack.environment().email(com.storewire.deployment.Deployment.RECONCILIATION);
    this.intake =
        new OrderIntakeClient(
            stack.intakeUrl(),
            LocalReconciliation.RECOVERY_SECRET,
            () -> stack.google().idToken(job, stack.intakeUrl()));
  }

  /** The SKUs {@code prefix-1} … {@code prefix-count}. */
  public static List<String> skus(String prefix, int count) {
    List<String> skus = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      skus.add(prefix + "-" + i);
    }
    return skus;
  }

  /**
   * Lists the SKUs on every marketplace, counts {@code onHand} of each in the warehouse, and waits
   * until every marketplace shows what order-intake says it should.
   */
  public void stock(Collection<String> skus, int onHand, Duration within) {
    for (String marketplace : MARKETPLACES) {
      skus.forEach(sku -> stack.sandbox().imitation(marketplace).inventory().set(sku, 0));
    }
    skus.forEach(sku -> recount(sku, onHand));
    awaitConverged(skus, within);
  }

  /** Publishes a warehouse count of the SKU, as the WMS connector does, without waiting. */
  public void recount(String sku, int onHand) {
    Event event = count(sku, onHand);
    pubsub.publish(
        stack.project(),
        Catalog.storewire().topicFor(EventType.STOCK_ADJUSTED).name(),
        EventJson.encode(event),
        EventRouting.attributes(event),
        sku);
  }

  /** A stock take in the WMS: {@code onHand} counted of the SKU. */
  public static Event count(String sku, int onHand) {
    return EventBuilder.of(
            StockAdjusted.newBuilder()
                .setSku(sku)
                .setReason(AdjustmentReason.STOCK_TAKE)
                .setSourceSystem(SystemId.LOGIWA)
                .setCountedOnHand(onHand)
                .setReference("count-" + sku + "-" + onHand)
                .build())
        .source("//storewire/local-stack/reconcile-scenario")
        .build();
  }

  /** Waits until every marketplace's copy of these SKUs is the truth. */
  public void awaitConverged(Collection<String> skus, Duration within) {
    Instant deadline = Instant.now().plus(within);
    List<String> apart = List.of();
    while (Instant.now().isBefore(deadline)) {
      apart = apart(skus);
      if (apart.isEmpty()) {
        return;
      }
      sleep(500);
    }
    throw new IllegalStateException(
        "marketplace copies still differ from the truth after " + within + ": " + apart);
  }

  /** The SKU/channel pairs whose marketplace copy is not the truth, e.g. {@code ebay:SKU-1=3≠5}. */
  public List<String> apart(Collection<String> skus) {
    Map<String, SkuTruth> truths = intake.truths(skus);
    List<String> apart = new ArrayList<>();
    for (String sku : skus) {
      SkuTruth truth = truths.get(sku);
      for (String marketplace : MARKETPLACES) {
        Integer copy = stack.sandbox().imitation(marketplace).inventory().get(sku);
        Long expected =
            truth == null || !truth.channels().containsKey(marketplace)
                ? null
                : truth.channels().get(marketplace).sellable();
        if (expected == null || copy == null || copy.longValue() != expected) {
          apart.add(marketplace + ":" + sku + "=" + copy + "≠" + expected);
        }
      }
    }
    return apart;
  }

  /** Sets a marketplace's copy by hand, as someone in the vendor's admin would. */
  public void editByHand(String marketplace, String sku, int quantity) {
    stack.sandbox().imitation(marketplace).inventory().set(sku, quantity);
  }

  public OrderIntakeClient intake() {
    return intake;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
