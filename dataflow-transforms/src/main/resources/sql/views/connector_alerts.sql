-- The connectors' alerts of the last seven days, one row each, newest first in the dashboard: what
-- failed, why, on which attempt, and which event is parked for replay.
SELECT * EXCEPT (duplicate_rank)
FROM (
  SELECT
    a.event_time AS alerted_at,
    a.vendor,
    a.operation,
    a.reason,
    a.attempt,
    a.http_status,
    a.detail,
    a.failed_event_id,
    a.compensate_order_id,
    a.event_id,
    ROW_NUMBER() OVER (PARTITION BY a.event_id ORDER BY a.publish_time) AS duplicate_rank
  FROM `${project}.${dataset}.connector_alert` AS a
  WHERE a.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
WHERE duplicate_rank = 1
