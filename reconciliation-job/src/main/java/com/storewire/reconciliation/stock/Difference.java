package com.storewire.reconciliation.stock;

import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One SKU on one channel whose marketplace copy is not the truth.
 *
 * @param expected what the channel should show (null for an unknown listing)
 * @param observed what the marketplace shows (null for a missing listing)
 */
public record Difference(
    String channel, String sku, DifferenceKind kind, Long expected, Integer observed) {

  /**
   * Compares a channel's copy with the truth. A copy that matches, or an unlisted SKU with nothing
   * to sell there, is no difference.
   *
   * @param observed the marketplace's quantity, null when it has no listing
   */
  public static Optional<Difference> of(
      SkuTruth truth, String channel, Integer observed, Instant now, Duration propagationWindow) {
    long expected = truth.channels().get(channel).sellable();
    if (observed == null) {
      return expected > 0
          ? Optional.of(
              new Difference(channel, truth.sku(), DifferenceKind.MISSING_LISTING, expected, null))
          : Optional.empty();
    }
    if (observed == expected) {
      return Optional.empty();
    }
    DifferenceKind kind =
        truth.changedAt().isAfter(now.minus(propagationWindow))
            ? DifferenceKind.STALE
            : DifferenceKind.DRIFT;
    return Optional.of(new Difference(channel, truth.sku(), kind, expected, observed));
  }

  public static Difference unknownListing(String channel, String sku, int observed) {
    return new Difference(channel, sku, DifferenceKind.UNKNOWN_LISTING, null, observed);
  }
}
