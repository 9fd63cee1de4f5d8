package com.storewire.reconciliation.run;

import com.storewire.events.AvailabilityChanged;
import com.storewire.events.DriftCorrected;
import com.storewire.events.DriftDetected;
import com.storewire.events.DriftKind;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.SystemId;
import com.storewire.reconciliation.intake.OrderIntakeClient.ChannelTruth;
import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import com.storewire.reconciliation.stock.Difference;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The events the job publishes. Their ids derive from what they are about (the SKU, channel and
 * truth version; the order id), so a retried task that publishes them again publishes the same
 * events, which consumers drop as duplicates.
 */
public final class DriftEvents {

  private static final String SOURCE = "//storewire/reconciliation-job";

  private final Consumer<Event> publish;
  private final Clock clock;

  public DriftEvents(Consumer<Event> publish, Clock clock) {
    this.publish = publish;
    this.clock = clock;
  }

  /** Reports a difference that is drift or a listing problem; returns the event's id. */
  public String detected(Difference difference, long truthVersion) {
    Integer delta =
        difference.expected() != null && difference.observed() != null
            ? (int) (difference.observed() - difference.expected())
            : null;
    Event event =
        EventBuilder.of(
                DriftDetected.newBuilder()
                    .setSystem(system(difference.channel()))
                    .setKind(difference.kind().driftKind())
                    .setEntityId(difference.sku())
                    .setExpected(describe(difference.expected()))
                    .setObserved(describe(difference.observed()))
                    .setQuantityDelta(delta)
                    .build())
            .id(
                "drift-"
                    + difference.kind().name().toLowerCase()
                    + "-"
                    + difference.channel()
                    + "-"
                    + difference.sku()
                    + "-"
                    + truthVersion)
            .source(SOURCE)
            .clock(clock)
            .build();
    publish.accept(event);
    return event.getId();
  }

  /**
   * Republishes the truth for the drifted channel, which its stock connector writes to the
   * marketplace as any other update, then records the correction.
   */
  public void corrected(Difference difference, SkuTruth truth, String driftEventId) {
    republish(truth, difference.channel(), "correction");
    ChannelTruth channel = truth.channels().get(difference.channel());
    publish.accept(
        EventBuilder.of(
                DriftCorrected.newBuilder()
                    .setSystem(system(difference.channel()))
                    .setKind(DriftKind.STOCK_MISMATCH)
                    .setEntityId(truth.sku())
                    .setDriftEventId(driftEventId)
                    .setAction("republished_availability")
                    .setCorrectedValue(Long.toString(channel.sellable()))
                    .build())
            .id("corrected-" + driftEventId)
            .source(SOURCE)
            .clock(clock)
            .build());
  }

  /**
   * Publishes the channel's quantity from the truth, for its connector to write; {@code why} names
   * the cause in the event id.
   */
  public void republish(SkuTruth truth, String channel, String why) {
    ChannelTruth figures = truth.channels().get(channel);
    publish.accept(
        EventBuilder.of(
                AvailabilityChanged.newBuilder()
                    .setSku(truth.sku())
                    .setChannel(channel)
                    .setSellable((int) figures.sellable())
                    .setOnHand((int) truth.onHand())
                    .setReserved((int) truth.reserved())
                    .setSafetyStock((int) truth.safetyStock())
                    .setChannelBuffer(figures.buffer())
                    .setStockVersion(truth.version())
                    .setRingFenced(truth.ringFencedUnits())
                    .build())
            .id(why + "-" + channel + "-" + truth.sku() + "-" + truth.version())
            .source(SOURCE)
            .clock(clock)
            .build());
  }

  /** An order the marketplace took that order-intake never received, and its redelivery. */
  public void orderRecovered(String channel, String orderId, String receipt) {
    Event detected =
        EventBuilder.of(
                DriftDetected.newBuilder()
                    .setSystem(system(channel))
                    .setKind(DriftKind.ORDER_MISSING)
                    .setEntityId(orderId)
                    .setExpected("order received by order-intake")
                    .setObserved("order only at " + channel)
                    .build())
            .id("drift-order-missing-" + orderId)
            .source(SOURCE)
            .clock(clock)
            .build();
    publish.accept(detected);
    publish.accept(
        EventBuilder.of(
                DriftCorrected.newBuilder()
                    .setSystem(system(channel))
                    .setKind(DriftKind.ORDER_MISSING)
                    .setEntityId(orderId)
                    .setDriftEventId(detected.getId())
                    .setAction("redelivered_webhook")
                    .setCorrectedValue(receipt)
                    .build())
            .id("corrected-" + detected.getId())
            .source(SOURCE)
            .clock(clock)
            .build());
  }

  private static SystemId system(String channel) {
    return SystemId.valueOf(channel.toUpperCase());
  }

  private static String describe(Number quantity) {
    return quantity == null ? "no listing" : quantity.toString();
  }
}
