output "alert_policies" {
  description = "Alert policy ids by key."
  value       = { for k, p in google_monitoring_alert_policy.policy : k => p.id }
}

output "connector_alerts_metric" {
  description = "The log-based metric counting connector alerts."
  value       = google_logging_metric.connector_alerts.name
}
