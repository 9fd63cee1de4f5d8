package com.storewire.dataflow.forecast.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The backtest picks the method the demand calls for. */
class DemandForecasterTest {

  private final DemandForecaster forecaster = DemandForecaster.standard();

  @Test
  void picksAnIntermittentMethodForIntermittentDemand() {
    SplittableRandom random = new SplittableRandom(7);
    double[] history = new double[365];
    for (int day = 0; day < history.length; day++) {
      history[day] = random.nextDouble() < 0.15 ? 1 + random.nextInt(3) : 0;
    }

    SeriesForecast forecast = forecaster.forecast(history, 14);

    // No MASE bound: on demand this sparse every method's MAE is close to the seasonal naive's,
    // since the MAE-best forecast of a mostly-zero series is zero (Kolassa, 2016).
    assertThat(forecast.method()).isIn("croston-sba", "tsb");
    // 0.15 · 2 units a day on average.
    assertThat(forecast.meanDailyUnits()).isCloseTo(0.3, within(0.15));
  }

  @Test
  void picksHoltWintersForANoisyWeeklyPattern() {
    SplittableRandom random = new SplittableRandom(11);
    double[] week = {40, 42, 45, 50, 60, 90, 80};
    double[] history = new double[365];
    for (int day = 0; day < history.length; day++) {
      history[day] = Math.max(0, Math.round(week[day % 7] + 6 * gaussian(random)));
    }

    SeriesForecast forecast = forecaster.forecast(history, 7);

    assertThat(forecast.method()).isEqualTo("holt-winters");
    assertThat(forecast.backtestMase()).isLessThan(1);
    // The pattern's busiest weekday (index 5) stays the busiest; the forecast starts on index 1.
    int busiest = 0;
    for (int h = 1; h < 7; h++) {
      busiest = forecast.units()[h] > forecast.units()[busiest] ? h : busiest;
    }
    assertThat((365 + busiest) % 7).isEqualTo(5);
  }

  @Test
  void aNewSkuGetsTheMeanOfItsDaysWithAPoissonFloorOnTheSpread() {
    SeriesForecast forecast = forecaster.forecast(new double[] {4, 4, 4, 4}, 3);

    assertThat(forecast.method()).isEqualTo("new-sku-mean");
    assertThat(forecast.units()).containsExactly(4, 4, 4);
    assertThat(forecast.backtestMase()).isNaN();
    // No spread in four days, so σ_D is the Poisson √4.
    assertThat(forecast.errorStdDev()).isEqualTo(2);
    assertThat(forecast.lowerUnits()[0]).isLessThan(4);
    assertThat(forecast.upperUnits()[0]).isGreaterThan(4);
  }

  @Test
  void theIntervalComesFromTheBacktestErrors() {
    SplittableRandom random = new SplittableRandom(3);
    double[] history = new double[200];
    for (int day = 0; day < history.length; day++) {
      history[day] = 20 + random.nextInt(11) - 5;
    }

    SeriesForecast forecast = forecaster.forecast(history, 5);

    for (int h = 0; h < 5; h++) {
      assertThat(forecast.lowerUnits()[h]).isLessThan(forecast.units()[h]);
      assertThat(forecast.upperUnits()[h]).isGreaterThan(forecast.units()[h]);
    }
    assertThat(forecast.errorStdDev()).isBetween(2.0, 5.0);
  }

  @Test
  void sigmaDAddsUpEachWeeksErrorsSoAPersistentMissCounts() {
    // Two weeks: 1 too few every day, then 1 too many. Week sums 7 and −7:
    // σ_D = √((7² + 7²) / 14) = √7, where single days' errors would give only 1.
    double[] errors = new double[14];
    for (int day = 0; day < 14; day++) {
      errors[day] = day < 7 ? 1 : -1;
    }

    assertThat(DemandForecaster.dailyStdDevOfWeeklyErrors(errors))
        .isCloseTo(Math.sqrt(7), within(1e-12));
  }

  @Test
  void averageDemandIntervalIsDaysPerDemandDay() {
    assertThat(DemandForecaster.averageDemandInterval(new double[] {0, 2, 0, 0, 1, 0}))
        .isEqualTo(3);
    assertThat(DemandForecaster.averageDemandInterval(new double[3])).isInfinite();
  }

  @Test
  void aSmoothSeriesNeverGetsAnIntermittentMethod() {
    SplittableRandom random = new SplittableRandom(5);
    double[] history = new double[200];
    for (int day = 0; day < history.length; day++) {
      history[day] = 5 + random.nextInt(5);
    }

    assertThat(forecaster.forecast(history, 7).method()).isIn("seasonal-naive", "holt-winters");
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
