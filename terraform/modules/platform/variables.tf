variable "alert_notification_channels" {
  description = "Notification channel ids every alert policy notifies."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "artifact_registry_repository" {
  description = "Docker repository in Artifact Registry that Cloud Build pushes images to (created at bootstrap, see docs/deploy.md)."
  type        = string
  default     = "storewire"
}

variable "artifacts_bucket" {
  description = "Bucket (created at bootstrap) for function sources, Flex Template specs and Dataflow temp files."
  type        = string
}

variable "bigquery_location" {
  description = "BigQuery dataset location."
  type        = string
}

variable "catalog_file" {
  description = "The checked-in catalog export (terraform/catalog/storewire-catalog.json); its directory holds the Avro and BigQuery schemas."
  type        = string
}

variable "connector_settings" {
  description = "Non-secret connector settings (vendor base URLs, client ids, seller and marketplace ids), by environment variable name."
  type        = map(string)
  default     = {}
  nullable    = false
  validation {
    condition     = alltrue([for k in keys(var.connector_settings) : !can(regex("(SECRET|TOKEN|PASSWORD|API_KEY)$", k))])
    error_message = "Credentials go to Secret Manager (connector_secret_env), never into connector_settings."
  }
}

variable "delete_protection" {
  description = "Protect Firestore and BigQuery tables from destroy."
  type        = bool
  default     = true
}

variable "env" {
  description = "Environment name; prefixes service accounts, jobs and alert policies."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.env)
    error_message = "Environment is dev, staging or prod."
  }
}

variable "firestore_location" {
  description = "Firestore location (cannot change after creation)."
  type        = string
}

variable "forecast_history_export_sql" {
  description = "The forecast history export's SQL template (dataflow-transforms/src/main/resources/sql/exports/forecast_history.sql), filled with project, dataset and history_uri."
  type        = string
}

variable "image_tag" {
  description = "Tag of every image and artifact to deploy: Cloud Build passes $COMMIT_SHA."
  type        = string
}

variable "operators" {
  description = "Members (e.g. group:storewire-ops@example.com) who may call order-intake's private routes (SKU settings, reads) with their Google identity."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "project_id" {
  description = "Project to deploy into."
  type        = string
}

variable "project_number" {
  description = "Project number (for the Pub/Sub service agent)."
  type        = string
}

variable "reconciliation_job_enabled" {
  description = "Deploy the reconciliation job and its schedule (its image comes from Cloud Build)."
  type        = bool
  default     = true
}

variable "region" {
  description = "Region of Cloud Run, Functions, Dataflow and Scheduler."
  type        = string
}

variable "sizes" {
  description = "Per-environment sizing."
  type = object({
    # Warm instances per Cloud Run service (by deployable name) above the description's minimum:
    # a cost choice per environment; concurrency and maximum instances are the description's.
    service_min_instances     = optional(map(number), {})
    dataflow_machine_type     = optional(string, "n2-standard-2")
    dataflow_max_workers      = optional(number, 3)
    partition_expiration_days = optional(number)
  })
  default  = {}
  nullable = false
}

variable "schedules" {
  description = "Schedules (UTC) of the batch work: cron for Cloud Scheduler; the history export in the BigQuery Data Transfer Service's syntax, and early enough to finish before the forecast reads its files (an hour before it by default)."
  type = object({
    forecast_history_export = optional(string, "every day 01:15")
    forecast_safety_stock   = optional(string, "15 2 * * *")
    reconciliation          = optional(string, "*/30 * * * *")
  })
  default  = {}
  nullable = false
}

variable "views_dir" {
  description = "Directory of BigQuery view SQL files (dataflow-transforms/src/main/resources/sql/views); missing means no views."
  type        = string
  default     = null
}
