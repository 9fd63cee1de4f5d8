-- Sales per channel and hour: orders, units and revenue, and how much of it was cancelled since.
-- The event tables are written at least once and a marketplace order can reach Storewire through
-- order intake and through the normaliser, so each order counts once, by order id, at its first
-- event. Revenue is in the currency's major unit; revenue_minor is exact.
-- Reads the last 400 days of its tables (13 months, for year-on-year): the event tables refuse
-- a scan without a filter on their partition column, and a bounded view keeps each dashboard
-- query's cost bounded; the report's date controls narrow it further.
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
  )
SELECT
  TIMESTAMP_TRUNC(p.event_time, HOUR) AS sales_hour,
  p.channel,
  p.total.currency AS currency,
  COUNT(*) AS orders,
  SUM((SELECT SUM(line.quantity) FROM UNNEST(p.lines) AS line)) AS units,
  SUM(p.total.amount_minor) AS revenue_minor,
  SUM(p.total.amount_minor / IF(p.total.currency IN ('JPY', 'KRW', 'CLP', 'ISK', 'VND'), 1, 100))
    AS revenue,
  COUNTIF(c.order_id IS NOT NULL) AS cancelled_orders,
  SUM(
    IF(
      c.order_id IS NULL,
      p.total.amount_minor / IF(p.total.currency IN ('JPY', 'KRW', 'CLP', 'ISK', 'VND'), 1, 100),
      0))
    AS net_revenue
FROM placed AS p
LEFT JOIN cancelled AS c
  ON c.order_id = p.order_id
GROUP BY sales_hour, channel, currency
