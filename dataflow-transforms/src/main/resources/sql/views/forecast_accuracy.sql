-- Each day's demand forecast against what sold that day, per SKU, channel and method. Forecasts
-- come from demand_forecasts (the forecasting pipeline); the forecast judged is the latest one
-- generated no later than its day, as planners would have seen it. Actual units are the units
-- of orders placed that day (UTC) and not cancelled since, each order counted once. A forecast
-- for all channels together (channel 'all') is judged against the sum over channels. Days still
-- running (today) are left out.
-- Reads the last 400 days of its tables (13 months, for year-on-year): the event tables and
-- demand_forecasts (partitioned by forecast_date) refuse a scan without a filter on their
-- partition column, and a bounded view keeps each dashboard query's cost bounded; the report's
-- date controls narrow it further.
WITH
  placed AS (
    SELECT * EXCEPT (duplicate_rank)
    FROM (
      SELECT
        o.*,
        ROW_NUMBER() OVER (PARTITION BY o.order_id ORDER BY o.event_time) AS duplicate_rank
      FROM `${project}.${dataset}.order_placed` AS o
      WHERE o.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 400 DAY)
    )
    WHERE duplicate_rank = 1
  ),
  cancelled AS (
    SELECT DISTINCT order_id
    FROM `${project}.${dataset}.order_cancelled` AS c
    WHERE c.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 400 DAY)
  ),
  sold AS (
    SELECT line.sku, p.channel, DATE(p.event_time) AS sales_date, SUM(line.quantity) AS units
    FROM placed AS p
    LEFT JOIN cancelled AS c
      ON c.order_id = p.order_id
    CROSS JOIN UNNEST(p.lines) AS line
    WHERE c.order_id IS NULL
    GROUP BY sku, channel, sales_date
  ),
  actuals AS (
    SELECT sku, channel, sales_date, units FROM sold
    UNION ALL
    SELECT sku, 'all' AS channel, sales_date, SUM(units) AS units
    FROM sold
    GROUP BY sku, sales_date
  ),
  forecasts AS (
    SELECT * EXCEPT (recency_rank)
    FROM (
      SELECT
        f.*,
        ROW_NUMBER()
          OVER (
            PARTITION BY f.sku, f.channel, f.forecast_date, f.method
            ORDER BY f.generated_at DESC
          ) AS recency_rank
      FROM `${project}.${dataset}.demand_forecasts` AS f
      WHERE
        f.forecast_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 400 DAY)
        AND f.forecast_date < CURRENT_DATE()
        AND DATE(f.generated_at) <= f.forecast_date
    )
    WHERE recency_rank = 1
  )
SELECT
  f.forecast_date,
  f.sku,
  f.channel,
  f.method,
  f.abc_class,
  f.forecast_units,
  f.lower_units,
  f.upper_units,
  COALESCE(a.units, 0) AS actual_units,
  COALESCE(a.units, 0) - f.forecast_units AS error_units,
  ABS(COALESCE(a.units, 0) - f.forecast_units) AS abs_error_units,
  SAFE_DIVIDE(ABS(COALESCE(a.units, 0) - f.forecast_units), COALESCE(a.units, 0))
    AS abs_pct_error,
  COALESCE(a.units, 0) BETWEEN f.lower_units AND f.upper_units AS within_interval,
  f.service_level,
  f.safety_stock,
  f.reorder_point,
  f.backtest_mase,
  f.generated_at
FROM forecasts AS f
LEFT JOIN actuals AS a
  ON a.sku = f.sku AND a.channel = f.channel AND a.sales_date = f.forecast_date
