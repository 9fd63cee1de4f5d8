-- How long after a sale Storewire published the sold SKU's new availability to each channel.
--
-- What the data allows: an AvailabilityChanged event is Storewire's decision to tell a channel a
-- new sellable number. No event records when the marketplace applied it (vendors do not confirm;
-- a push that failed shows up as a ConnectorAlert, see connector_health). So this measures
-- Storewire's side of propagation: from the sale (the order's event time) to the first
-- availability update for that SKU on each channel within the hour after it (its event time), and
-- from that update's decision to Pub/Sub accepting it (publish time). A sale with no update on a
-- channel within the hour is not counted here (the SKU may not be listed there).
-- Reads the last 90 days of its tables: the event tables refuse a scan without a filter on their
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
      WHERE o.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 90 DAY)
    )
    WHERE duplicate_rank = 1
  ),
  sold AS (
    SELECT DISTINCT p.order_id, p.channel AS sold_on, p.event_time AS sold_at, line.sku
    FROM placed AS p
    CROSS JOIN UNNEST(p.lines) AS line
  ),
  availability AS (
    SELECT DISTINCT a.event_id, a.sku, a.channel, a.event_time, a.publish_time
    FROM `${project}.${dataset}.availability_changed` AS a
    WHERE a.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 90 DAY)
  ),
  first_update AS (
    SELECT
      s.order_id,
      s.sku,
      s.sold_on,
      s.sold_at,
      a.channel,
      ARRAY_AGG(STRUCT(a.event_time, a.publish_time) ORDER BY a.event_time LIMIT 1)[OFFSET(0)]
        AS first_seen
    FROM sold AS s
    JOIN availability AS a
      ON
        a.sku = s.sku
        AND a.event_time >= s.sold_at
        AND a.event_time < TIMESTAMP_ADD(s.sold_at, INTERVAL 1 HOUR)
    GROUP BY s.order_id, s.sku, s.sold_on, s.sold_at, a.channel
  )
SELECT
  TIMESTAMP_TRUNC(sold_at, HOUR) AS sales_hour,
  channel,
  sold_on,
  COUNT(*) AS sales_propagated,
  APPROX_QUANTILES(TIMESTAMP_DIFF(first_seen.event_time, sold_at, MILLISECOND), 100)[OFFSET(50)]
    AS decision_lag_ms_p50,
  APPROX_QUANTILES(TIMESTAMP_DIFF(first_seen.event_time, sold_at, MILLISECOND), 100)[OFFSET(95)]
    AS decision_lag_ms_p95,
  MAX(TIMESTAMP_DIFF(first_seen.event_time, sold_at, MILLISECOND)) AS decision_lag_ms_max,
  APPROX_QUANTILES(
    TIMESTAMP_DIFF(first_seen.publish_time, first_seen.event_time, MILLISECOND), 100 IGNORE NULLS)[
    OFFSET(95)]
    AS publish_lag_ms_p95
FROM first_update
GROUP BY sales_hour, channel, sold_on
