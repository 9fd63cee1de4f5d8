-- The demand history ForecastSafetyStock reads (--history): units sold per SKU, channel and day
-- (UTC), one JSON object per line as ParseDemandRecords reads it. A BigQuery scheduled query runs
-- it daily before the forecast (terraform/modules/platform/forecast_history.tf), replacing the
-- previous day's files.
--
-- Window: the 210 whole days before today, the most the forecast looks at (its backtest scores 26
-- weekly origins of 7 days after at least 28 days of training); today is left out because it is
-- still under way and would read as a day of low demand.
--
-- Demand is what customers bought, each order once by order id (the tables are written at least
-- once), and none that was cancelled since: a cancelled order takes no stock, and the
-- forecast_accuracy view judges forecasts against the same placed-and-not-cancelled units.
--   * Placed orders: every line, at its price.
--   * Oversold marketplace orders: already sold when they reached Storewire, so they are sales, and
--     they are the SKUs that ran out; leaving them out would forecast those lowest. Their units are
--     what was reserved for them plus what was short; their events carry no prices, so they are
--     priced at the SKU's mean price on the window's placed orders.
--   * Rejected storefront orders are left out: the customer was refused and may order again, and
--     the retry would count twice.
--
-- unit_price is in the currency's major unit, unconverted across currencies: the forecast only
-- ranks SKUs by revenue with it. units is FLOAT64 because a JSON export writes INT64 as a string,
-- which the parser refuses.
EXPORT DATA
  OPTIONS (uri = '${history_uri}', format = 'JSON', overwrite = true)
AS
WITH
  placed AS (
    SELECT *
    FROM `${project}.${dataset}.order_placed`
    WHERE
      event_time >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 210 DAY))
      AND event_time < TIMESTAMP(CURRENT_DATE())
    QUALIFY ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY event_time) = 1
  ),
  oversold AS (
    SELECT *
    FROM `${project}.${dataset}.order_oversold`
    WHERE
      event_time >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 210 DAY))
      AND event_time < TIMESTAMP(CURRENT_DATE())
    QUALIFY ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY event_time) = 1
  ),
  -- Cancellations come after their order, so none of the window's orders is cancelled earlier.
  cancelled AS (
    SELECT DISTINCT order_id
    FROM `${project}.${dataset}.order_cancelled`
    WHERE event_time >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 210 DAY))
  ),
  reserved AS (
    SELECT DISTINCT reservation_id, order_id, sku, quantity
    FROM `${project}.${dataset}.stock_reserved`
    WHERE event_time >= TIMESTAMP(DATE_SUB(CURRENT_DATE(), INTERVAL 210 DAY))
  ),
  placed_lines AS (
    SELECT
      line.sku,
      p.channel,
      DATE(p.event_time) AS sales_date,
      line.quantity AS units,
      line.quantity * line.unit_price.amount_minor
        / IF(line.unit_price.currency IN ('JPY', 'KRW', 'CLP', 'ISK', 'VND'), 1, 100)
        AS revenue
    FROM placed AS p
    CROSS JOIN UNNEST(p.lines) AS line
    WHERE p.order_id NOT IN (SELECT order_id FROM cancelled)
  ),
  oversold_lines AS (
    SELECT o.order_id, r.sku, o.channel, DATE(o.event_time) AS sales_date, r.quantity AS units
    FROM oversold AS o
    JOIN reserved AS r
      ON r.order_id = o.order_id
    UNION ALL
    SELECT
      o.order_id,
      shortfall.sku,
      o.channel,
      DATE(o.event_time) AS sales_date,
      shortfall.requested - shortfall.available AS units
    FROM oversold AS o
    CROSS JOIN UNNEST(o.shortfalls) AS shortfall
  ),
  prices AS (
    SELECT sku, SAFE_DIVIDE(SUM(revenue), SUM(units)) AS unit_price
    FROM placed_lines
    GROUP BY sku
  ),
  demand AS (
    SELECT sku, channel, sales_date, units, revenue
    FROM placed_lines
    UNION ALL
    SELECT o.sku, o.channel, o.sales_date, o.units, o.units * COALESCE(p.unit_price, 0) AS revenue
    FROM oversold_lines AS o
    LEFT JOIN prices AS p
      ON p.sku = o.sku
    WHERE o.order_id NOT IN (SELECT order_id FROM cancelled)
  )
SELECT
  sku,
  channel,
  sales_date AS date,
  CAST(SUM(units) AS FLOAT64) AS units,
  COALESCE(SAFE_DIVIDE(SUM(revenue), SUM(units)), 0) AS unit_price
FROM demand
GROUP BY sku, channel, sales_date;
