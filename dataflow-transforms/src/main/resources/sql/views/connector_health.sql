-- Connector health per hour, vendor, operation and reason, from the connectors' alerts. Each alert
-- is a vendor call that failed and parked its message for replay; AUTH_EXPIRED and REJECTED need a
-- person (a new token, a fixed request), the rest usually recover on retry.
-- Reads the last 90 days of its tables: the event tables refuse a scan without a filter on their
-- partition column, and a bounded view keeps each dashboard query's cost bounded; the report's
-- date controls narrow it further.
WITH
  alerts AS (
    SELECT * EXCEPT (duplicate_rank)
    FROM (
      SELECT
        a.*,
        ROW_NUMBER() OVER (PARTITION BY a.event_id ORDER BY a.publish_time) AS duplicate_rank
      FROM `${project}.${dataset}.connector_alert` AS a
      WHERE a.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 90 DAY)
    )
    WHERE duplicate_rank = 1
  )
SELECT
  TIMESTAMP_TRUNC(event_time, HOUR) AS alert_hour,
  vendor,
  operation,
  reason,
  COUNT(*) AS alerts,
  COUNT(DISTINCT failed_event_id) AS events_parked,
  MAX(attempt) AS max_attempt,
  COUNTIF(http_status >= 500) AS server_errors,
  COUNTIF(compensate_order_id IS NOT NULL) AS orders_compensated,
  MAX(event_time) AS last_alert_at,
  CASE
    WHEN reason IN ('AUTH_EXPIRED', 'REJECTED') THEN 'ACTION_NEEDED'
    WHEN COUNT(*) >= 10 THEN 'DEGRADED'
    ELSE 'RECOVERING'
  END AS status
FROM alerts
GROUP BY alert_hour, vendor, operation, reason
