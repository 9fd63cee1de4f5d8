variable "drift_topic" {
  description = "The catalog topic that carries DriftDetected events (from the catalog export's event_types)."
  type        = string
}

variable "labels" {
  description = "User labels on alert policies."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "metric_types" {
  description = "Metric types order-intake exports through Micrometer's Stackdriver registry (its naming turns the meter name's dots into slashes)."
  type = object({
    outbox_lag_ms  = optional(string, "custom.googleapis.com/storewire/outbox/lag_ms")
    oversold_units = optional(string, "custom.googleapis.com/storewire/stock/oversold_units")
    orders_expired = optional(string, "custom.googleapis.com/storewire/orders/expired")
  })
  default  = {}
  nullable = false
}

variable "notification_channels" {
  description = "Notification channel ids (projects/P/notificationChannels/N) every alert notifies."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "prefix" {
  description = "Prefix for metric and policy names (the environment)."
  type        = string
}

variable "project_id" {
  description = "Project whose metrics are watched."
  type        = string
}

variable "thresholds" {
  description = "Alert thresholds."
  type = object({
    oldest_unacked_seconds = optional(number, 600)
    outbox_lag_ms          = optional(number, 30000)
  })
  default  = {}
  nullable = false
}
