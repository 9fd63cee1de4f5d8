-- Each SKU's safety stock against its stock now. Safety stock is the latest SafetyStockUpdated;
-- on-hand and reserved are the latest AvailabilityChanged (highest stock version), which Storewire
-- publishes after every change that moves them, so it is the on-hand the reservations use.
-- StockAdjusted alone cannot give on-hand (most adjustments are deltas), so it is shown as the
-- last warehouse change and, for a stock take, the counted quantity. safety_stock_in_use is what
-- the latest availability applied: when it differs from safety_stock, the new value has not yet
-- reached reservations.
-- Reads the last 400 days of its tables (the event tables refuse a scan without a filter on their
-- partition column): a SKU with no safety stock set within them is not listed.
WITH
  latest_safety_stock AS (
    SELECT * EXCEPT (recency_rank)
    FROM (
      SELECT
        s.sku,
        s.safety_stock,
        s.previous_safety_stock,
        s.mean_daily_demand,
        s.stddev_daily_demand,
        s.lead_time_days,
        s.service_level,
        s.event_time AS safety_stock_set_at,
        ROW_NUMBER() OVER (PARTITION BY s.sku ORDER BY s.event_time DESC) AS recency_rank
      FROM `${project}.${dataset}.safety_stock_updated` AS s
      WHERE s.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 400 DAY)
    )
    WHERE recency_rank = 1
  ),
  latest_availability AS (
    SELECT * EXCEPT (recency_rank)
    FROM (
      SELECT
        a.sku,
        a.on_hand,
        a.reserved,
        a.ring_fenced,
        a.safety_stock AS safety_stock_in_use,
        a.event_time AS stock_as_of,
        ROW_NUMBER() OVER (PARTITION BY a.sku ORDER BY a.stock_version DESC, a.event_time DESC)
          AS recency_rank
      FROM `${project}.${dataset}.availability_changed` AS a
      WHERE a.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 400 DAY)
    )
    WHERE recency_rank = 1
  ),
  latest_adjustment AS (
    SELECT * EXCEPT (recency_rank)
    FROM (
      SELECT
        j.sku,
        j.reason AS last_adjustment_reason,
        j.source_system AS last_adjustment_source,
        j.quantity_change AS last_quantity_change,
        j.counted_on_hand AS last_counted_on_hand,
        j.event_time AS last_adjusted_at,
        ROW_NUMBER() OVER (PARTITION BY j.sku ORDER BY j.event_time DESC) AS recency_rank
      FROM `${project}.${dataset}.stock_adjusted` AS j
      WHERE j.event_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 400 DAY)
    )
    WHERE recency_rank = 1
  )
SELECT
  s.sku,
  s.safety_stock,
  s.previous_safety_stock,
  a.safety_stock_in_use,
  s.mean_daily_demand,
  s.stddev_daily_demand,
  s.lead_time_days,
  s.service_level,
  s.safety_stock_set_at,
  a.on_hand,
  a.reserved,
  a.ring_fenced,
  a.on_hand - a.reserved AS free_units,
  a.on_hand - a.reserved - s.safety_stock AS units_above_safety_stock,
  SAFE_DIVIDE(a.on_hand - a.reserved, s.mean_daily_demand) AS days_of_cover,
  a.stock_as_of,
  CASE
    WHEN a.on_hand IS NULL THEN 'NO_STOCK_DATA'
    WHEN a.on_hand - a.reserved <= 0 THEN 'OUT_OF_STOCK'
    WHEN a.on_hand - a.reserved < s.safety_stock THEN 'BELOW_SAFETY_STOCK'
    WHEN a.on_hand - a.reserved < 2 * s.safety_stock THEN 'NEAR_SAFETY_STOCK'
    ELSE 'OK'
  END AS stock_status,
  j.last_adjustment_reason,
  j.last_adjustment_source,
  j.last_quantity_change,
  j.last_counted_on_hand,
  j.last_adjusted_at
FROM latest_safety_stock AS s
LEFT JOIN latest_availability AS a
  ON a.sku = s.sku
LEFT JOIN latest_adjustment AS j
  ON j.sku = s.sku
