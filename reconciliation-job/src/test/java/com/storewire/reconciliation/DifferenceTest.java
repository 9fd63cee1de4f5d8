package com.storewire.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.reconciliation.intake.OrderIntakeClient.ChannelTruth;
import com.storewire.reconciliation.intake.OrderIntakeClient.SkuTruth;
import com.storewire.reconciliation.stock.Difference;
import com.storewire.reconciliation.stock.DifferenceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DifferenceTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(2);

  private static SkuTruth truth(long sellable, Instant changedAt) {
    return new SkuTruth(
        "TEE-1",
        sellable + 3,
        3,
        0,
        42,
        changedAt,
        Map.of("shopify", new ChannelTruth(sellable, 0, false, null)));
  }

  private static Optional<DifferenceKind> kind(SkuTruth truth, Integer observed) {
    return Difference.of(truth, "shopify", observed, NOW, WINDOW).map(Difference::kind);
  }

  @Test
  void aCopyThatShowsTheTruthIsNoDifference() {
    assertThat(kind(truth(12, NOW.minusSeconds(3600)), 12)).isEmpty();
  }

  @Test
  void aWrongCopyIsDriftOnlyWhenTheTruthSettledBeforeThePropagationWindow() {
    assertThat(kind(truth(12, NOW.minusSeconds(3600)), 9)).contains(DifferenceKind.DRIFT);
    assertThat(kind(truth(12, NOW.minusSeconds(30)), 9)).contains(DifferenceKind.STALE);
    assertThat(kind(truth(12, NOW.minus(WINDOW).minusMillis(1)), 9)).contains(DifferenceKind.DRIFT);
  }

  @Test
  void aMissingListingMattersOnlyWhenThereIsSomethingToSell() {
    assertThat(kind(truth(5, NOW.minusSeconds(3600)), null))
        .contains(DifferenceKind.MISSING_LISTING);
    assertThat(kind(truth(0, NOW.minusSeconds(3600)), null)).isEmpty();
  }

  @Test
  void aDriftCarriesWhatWasExpectedAndWhatWasSeen() {
    Difference drift =
        Difference.of(truth(12, NOW.minusSeconds(3600)), "shopify", 19, NOW, WINDOW).orElseThrow();

    assertThat(drift.expected()).isEqualTo(12);
    assertThat(drift.observed()).isEqualTo(19);
    assertThat(Difference.unknownListing("ebay", "GHOST-1", 4).kind())
        .isEqualTo(DifferenceKind.UNKNOWN_LISTING);
  }
}
