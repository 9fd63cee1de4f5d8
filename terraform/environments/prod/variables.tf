variable "alert_notification_channels" {
  description = "Notification channel ids (projects/P/notificationChannels/N) for every alert."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "artifacts_bucket" {
  description = "Bootstrap bucket for function sources, Flex Template specs and Dataflow temp files."
  type        = string
}

variable "bigquery_location" {
  description = "BigQuery dataset location."
  type        = string
  default     = "EU"
}

variable "connector_settings" {
  description = "Non-secret connector settings (vendor base URLs, client ids, seller/marketplace ids) by env variable name."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "delete_protection" {
  description = "Protect Firestore and BigQuery tables from destroy."
  type        = bool
  default     = true
}

variable "env" {
  description = "Environment name."
  type        = string
}

variable "firestore_location" {
  description = "Firestore location (cannot change after creation)."
  type        = string
  default     = "eur3"
}

variable "image_tag" {
  description = "Image and artifact tag to deploy; Cloud Build passes -var image_tag=$COMMIT_SHA."
  type        = string
}

variable "operators" {
  description = "Members who may call order-intake's private routes with their Google identity (e.g. group:storewire-ops@example.com)."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "project_id" {
  description = "Project to deploy into."
  type        = string
}

variable "project_number" {
  description = "Project number of project_id."
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
  default     = "europe-west1"
}

variable "sizes" {
  description = "Sizing (see modules/platform variable sizes)."
  type = object({
    service_min_instances     = optional(map(number), {})
    dataflow_machine_type     = optional(string, "n2-standard-2")
    dataflow_max_workers      = optional(number, 3)
    partition_expiration_days = optional(number)
  })
  default  = {}
  nullable = false
}
