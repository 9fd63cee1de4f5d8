package com.storewire.localstack.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalePlanTest {

  private static SaleScenario scenario(long seed) {
    return new SaleScenario(
        Duration.ofSeconds(100), 4, 10, 500, 5, 60, 100, seed, false, 60, Duration.ofMinutes(15));
  }

  @Test
  void theSameSeedGivesTheSameBuyers() {
    assertThat(SalePlan.of(scenario(7))).isEqualTo(SalePlan.of(scenario(7)));
    assertThat(SalePlan.of(scenario(7))).isNotEqualTo(SalePlan.of(scenario(8)));
  }

  @Test
  void thePeakRunsAtAboutTenTimesTheBaseOnTheHotSkus() {
    List<SalePlan.Purchase> plan = SalePlan.of(scenario(3));
    long beforePeak = plan.stream().filter(p -> p.atMillis() < 30_000).count();
    long inPeak =
        plan.stream().filter(p -> p.atMillis() >= 30_000 && p.atMillis() < 70_000).count();
    double baseRate = beforePeak / 30.0;
    double peakRate = inPeak / 40.0;

    assertThat(peakRate / baseRate).isBetween(8.0, 12.0);
    assertThat(
            plan.stream()
                .filter(p -> p.atMillis() >= 30_000 && p.atMillis() < 70_000)
                .filter(p -> scenario(3).isHot(p.sku()))
                .count())
        .isGreaterThan(inPeak * 9 / 10);
    assertThat(plan).extracting(SalePlan.Purchase::channel).containsAll(SaleScenario.CHANNELS);
    assertThat(plan)
        .isSortedAccordingTo(java.util.Comparator.comparingLong(SalePlan.Purchase::atMillis));
  }
}
