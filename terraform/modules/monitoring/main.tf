# Connector functions log one JSON line per alert with alert_vendor and alert_reason.
resource "google_logging_metric" "connector_alerts" {
  project = var.project_id
  name    = "${var.prefix}-connector-alerts"
  filter  = "jsonPayload.alert_vendor:* AND jsonPayload.alert_reason:*"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
    labels {
      key        = "vendor"
      value_type = "STRING"
    }
    labels {
      key        = "reason"
      value_type = "STRING"
    }
  }
  label_extractors = {
    vendor = "EXTRACT(jsonPayload.alert_vendor)"
    reason = "EXTRACT(jsonPayload.alert_reason)"
  }
}

# Scheduled queries fail only into their transfer run's log: the forecast history export's
# failure would leave the forecast on the previous day's files.
resource "google_logging_metric" "scheduled_query_failures" {
  project = var.project_id
  name    = "${var.prefix}-scheduled-query-failures"
  filter  = "resource.type=\"bigquery_dts_config\" AND severity>=ERROR"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
    labels {
      key        = "config_id"
      value_type = "STRING"
    }
  }
  label_extractors = {
    config_id = "EXTRACT(resource.labels.config_id)"
  }
}

# Micrometer's Stackdriver registry (useSemanticMetricTypes off, as order-intake leaves it) writes
# a counter as a GAUGE of its count within each 60s step and a gauge as a GAUGE of its value, both
# DOUBLE, so order-intake's oversold counter and outbox-lag gauge are aligned with ALIGN_MAX.
locals {
  policies = {
    connector-alerts = {
      display_name = "Connector alerts"
      filter       = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.connector_alerts.name}\" AND resource.type=\"cloud_run_revision\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_SUM"
      group_by     = ["metric.label.vendor", "metric.label.reason"]
    }
    dead-letter-backlog = {
      display_name = "Dead-lettered messages waiting in a parked subscription"
      filter       = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.label.subscription_id=monitoring.regex.full_match(\".*--dead-letter--parked\")"
      threshold    = 0
      duration     = "300s"
      aligner      = "ALIGN_MAX"
      group_by     = ["resource.label.subscription_id"]
    }
    oldest-unacked = {
      display_name = "Oldest unacked message age"
      filter       = "metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND resource.type=\"pubsub_subscription\""
      threshold    = var.thresholds.oldest_unacked_seconds
      duration     = "300s"
      aligner      = "ALIGN_MAX"
      group_by     = ["resource.label.subscription_id"]
    }
    outbox-lag = {
      display_name = "Order-intake outbox lag"
      filter       = "metric.type=\"${var.metric_types.outbox_lag_ms}\""
      threshold    = var.thresholds.outbox_lag_ms
      duration     = "300s"
      aligner      = "ALIGN_MAX"
      group_by     = []
    }
    oversold-units = {
      display_name = "Oversold units"
      filter       = "metric.type=\"${var.metric_types.oversold_units}\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_MAX"
      group_by     = []
    }
    # Unattended work that ends without anyone watching: a failed reconciliation execution (every
    # task retried and failed), a failed Dataflow job (streaming or the daily forecast), a failed
    # scheduled query.
    orders-expired-unshipped = {
      display_name = "Orders expired unshipped (their units are on sale again)"
      filter       = "metric.type=\"${var.metric_types.orders_expired}\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_MAX"
      group_by     = []
    }
    reconciliation-job-failed = {
      display_name = "Reconciliation job execution failed"
      filter       = "metric.type=\"run.googleapis.com/job/completed_execution_count\" AND resource.type=\"cloud_run_job\" AND metric.label.result=\"failed\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_SUM"
      group_by     = ["resource.label.job_name"]
    }
    dataflow-job-failed = {
      display_name = "Dataflow job failed"
      filter       = "metric.type=\"dataflow.googleapis.com/job/is_failed\" AND resource.type=\"dataflow_job\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_MAX"
      group_by     = ["resource.label.job_name"]
    }
    scheduled-query-failed = {
      display_name = "Scheduled query failed"
      filter       = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.scheduled_query_failures.name}\" AND resource.type=\"bigquery_dts_config\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_SUM"
      group_by     = ["metric.label.config_id"]
    }
    reconciliation-drift = {
      display_name = "Reconciliation found drift"
      filter       = "metric.type=\"pubsub.googleapis.com/topic/send_message_operation_count\" AND resource.type=\"pubsub_topic\" AND resource.label.topic_id=\"${var.drift_topic}\""
      threshold    = 0
      duration     = "0s"
      aligner      = "ALIGN_SUM"
      group_by     = []
    }
  }
}

resource "google_monitoring_alert_policy" "policy" {
  for_each              = local.policies
  project               = var.project_id
  display_name          = "[${var.prefix}] ${each.value.display_name}"
  combiner              = "OR"
  notification_channels = var.notification_channels
  user_labels           = var.labels
  conditions {
    display_name = each.value.display_name
    condition_threshold {
      filter          = each.value.filter
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.threshold
      duration        = each.value.duration
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = each.value.aligner
        cross_series_reducer = length(each.value.group_by) == 0 ? null : "REDUCE_MAX"
        group_by_fields      = each.value.group_by
      }
    }
  }
  alert_strategy {
    auto_close = "86400s"
  }
}
