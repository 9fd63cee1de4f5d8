package com.storewire.dataflow.forecast.method;

/**
 * Additive Holt–Winters with a damped trend and a weekly season, for fast movers whose weekdays
 * differ. Damping (Gardner &amp; McKenzie, 1985) keeps a short-lived trend, such as a promotion's
 * tail, from being extrapolated across the horizon.
 *
 * <p>Initialisation: the first week's mean is the level, each of its days minus that mean the
 * seasonal index, and the trend starts at zero; smoothing starts on day 8.
 */
public final class HoltWinters implements ForecastMethod {

  private static final int PERIOD = SeasonalNaive.WEEK;

  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;

  public HoltWinters(double alpha, double beta, double gamma, double phi) {
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.phi = phi;
  }

  @Override
  public String name() {
    return "holt-winters";
  }

  @Override
  public int minimumHistoryDays() {
    return 2 * PERIOD;
  }

  @Override
  public double[] forecast(double[] history, int horizon) {
    double level = 0;
    for (int day = 0; day < PERIOD; day++) {
      level += history[day] / PERIOD;
    }
    double[] season = new double[PERIOD];
    for (int day = 0; day < PERIOD; day++) {
      season[day] = history[day] - level;
    }
    double trend = 0;
    for (int day = PERIOD; day < history.length; day++) {
      int weekday = day % PERIOD;
      double previousLevel = level;
      level = alpha * (history[day] - season[weekday]) + (1 - alpha) * (level + phi * trend);
      trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
      season[weekday] = gamma * (history[day] - level) + (1 - gamma) * season[weekday];
    }
    double[] forecast = new double[horizon];
    double dampedSteps = 0;
    for (int h = 0; h < horizon; h++) {
      dampedSteps += Math.pow(phi, h + 1);
      int weekday = (history.length + h) % PERIOD;
      forecast[h] = Math.max(0, level + dampedSteps * trend + season[weekday]);
    }
    return forecast;
  }
}
