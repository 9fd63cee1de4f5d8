-- Units sold on a marketplace that Storewire could not reserve: per day, channel and SKU. An
-- oversold order names each short line with what was requested and what was left; the units
-- oversold are the difference. Each order counts once, by order id.
-- Reads the last 400 days of its tables (13 months, for year-on-year): the event tables refuse
-- a scan without a filter on their partition column, and a bounded view keeps each dashboard
-- query's cost bounded; the report's date controls narrow it further.
WITH
  oversold AS (
    SELECT * EXCEPT (duplicate_rank)
    FROM (
      SELECT
        o.*,
        ROW_NUMBER() OVER (PARTITION BY o.order_id ORDER BY o.event_time) AS duplicate_rank
      FROM `${project}.${dataset}.order_oversold` AS o
      WHERE o.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 400 DAY)
    )
    WHERE duplicate_rank = 1
  )
SELECT
  DATE(o.event_time) AS oversold_date,
  o.channel,
  shortfall.sku,
  COUNT(DISTINCT o.order_id) AS oversold_orders,
  SUM(shortfall.requested) AS requested_units,
  SUM(shortfall.requested - shortfall.available) AS oversold_units,
  MAX(o.event_time) AS last_oversold_at
FROM oversold AS o
CROSS JOIN UNNEST(o.shortfalls) AS shortfall
GROUP BY oversold_date, channel, sku
