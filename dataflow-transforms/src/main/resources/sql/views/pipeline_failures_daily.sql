-- What the pipelines refused, per day, pipeline, step, vendor and field: a vendor that changed a
-- payload shows up as one field failing many times. Each row keeps one example error; the bodies
-- are in pipeline_failures for replay.
-- Reads the last 90 days: pipeline_failures refuses a scan without a filter on its partition
-- column, and a bounded view keeps each dashboard query's cost bounded; the report's date controls
-- narrow it further.
SELECT
  DATE(f.failed_at) AS failure_date,
  f.pipeline,
  f.step,
  f.vendor,
  f.vendor_topic,
  f.field,
  COUNT(*) AS failures,
  ANY_VALUE(f.error) AS example_error,
  MAX(f.failed_at) AS last_failed_at
FROM `${project}.${dataset}.pipeline_failures` AS f
WHERE f.failed_at >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 90 DAY)
GROUP BY failure_date, pipeline, step, vendor, vendor_topic, field
