package com.storewire.dataflow.forecast.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each method on a series small enough to work out by hand. */
class ForecastMethodsTest {

  private static final double[] TWO_DEMANDS = {0, 3, 0, 0, 5, 0};

  @Test
  void crostonSbaSmoothsSizesAndIntervalsAndCorrectsTheBias() {
    // α = 0.5. Day 2 sells 3 after 2 days: size 3, interval 2. Day 5 sells 5 after 3 days:
    // size 3 + 0.5·(5 − 3) = 4, interval 2 + 0.5·(3 − 2) = 2.5. Croston: 4 / 2.5 = 1.6;
    // SBA: (1 − 0.5/2) · 1.6 = 1.2.
    double[] forecast = new CrostonSba(0.5).forecast(TWO_DEMANDS, 3);

    assertThat(forecast).containsExactly(new double[] {1.2, 1.2, 1.2}, within(1e-12));
  }

  @Test
  void crostonSbaOnDemandEveryOtherDay() {
    // α = 0.1. Day 1 sells 2: size 2, interval 1. Day 3 sells 2 after 2 days: size 2,
    // interval 1 + 0.1·(2 − 1) = 1.1. SBA: 0.95 · 2 / 1.1.
    double[] forecast = new CrostonSba(0.1).forecast(new double[] {2, 0, 2, 0}, 1);

    assertThat(forecast[0]).isCloseTo(0.95 * 2 / 1.1, within(1e-12));
  }

  @Test
  void methodsWithoutAnyDemandForecastZero() {
    double[] none = new double[30];

    assertThat(new CrostonSba(0.1).forecast(none, 2)).containsExactly(0, 0);
    assertThat(new Tsb(0.1, 0.1).forecast(none, 2)).containsExactly(0, 0);
  }

  @Test
  void tsbUpdatesTheDemandProbabilityEveryDay() {
    // α = β = 0.5. Day 2 sells 3: size 3, probability 1/2. Days 3 and 4 sell nothing:
    // 0.25, 0.125. Day 5 sells 5: probability 0.125 + 0.5·(1 − 0.125) = 0.5625, size 4.
    // Day 6 sells nothing: 0.28125. Forecast 0.28125 · 4 = 1.125.
    double[] forecast = new Tsb(0.5, 0.5).forecast(TWO_DEMANDS, 2);

    assertThat(forecast).containsExactly(new double[] {1.125, 1.125}, within(1e-12));
  }

  @Test
  void tsbLetsAnObsoleteSkuFadeWhereCrostonKeepsForecastingIt() {
    double[] sellsThenStops = new double[120];
    for (int day = 0; day < 60; day += 2) {
      sellsThenStops[day] = 1;
    }

    double tsb = new Tsb(0.1, 0.05).forecast(sellsThenStops, 1)[0];
    double croston = new CrostonSba(0.1).forecast(sellsThenStops, 1)[0];

    // 60 days without a sale: the probability has shrunk by 0.95^61.
    assertThat(tsb).isLessThan(0.05);
    assertThat(croston).isGreaterThan(0.4);
  }

  @Test
  void seasonalNaiveRepeatsLastWeek() {
    double[] history = {9, 9, 1, 2, 3, 4, 5, 6, 7};

    assertThat(new SeasonalNaive().forecast(history, 9)).containsExactly(1, 2, 3, 4, 5, 6, 7, 1, 2);
  }

  @Test
  void holtWintersReproducesAnExactWeeklyPattern() {
    // Level 20 from the first week, seasonal indices its deviations; later weeks repeat it
    // exactly, so no update moves level, trend or season.
    double[] week = {10, 12, 14, 16, 18, 30, 40};
    double[] history = new double[28];
    for (int day = 0; day < history.length; day++) {
      history[day] = week[day % 7];
    }

    double[] forecast = new HoltWinters(0.1, 0.01, 0.1, 0.9).forecast(history, 7);

    assertThat(forecast).containsExactly(week, within(1e-9));
  }

  @Test
  void historyMeanIsFlat() {
    assertThat(new HistoryMean().forecast(new double[] {1, 2, 6}, 2)).containsExactly(3, 3);
  }

  @Test
  void backtestScaleFallsBackWhenWeeksRepeatExactly() {
    double[] flat = new double[35];
    Arrays.fill(flat, 2);

    assertThat(RollingOriginBacktest.scale(flat, 35)).isEqualTo(2);
    assertThat(RollingOriginBacktest.scale(new double[35], 35)).isEqualTo(1);
  }
}
