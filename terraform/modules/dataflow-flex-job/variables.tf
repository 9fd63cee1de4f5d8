variable "container_spec_gcs_path" {
  description = "gs:// path of the Flex Template spec built by `gcloud dataflow flex-template build`."
  type        = string
  validation {
    condition     = startswith(var.container_spec_gcs_path, "gs://")
    error_message = "The template spec lives in Cloud Storage (gs://...)."
  }
}

variable "labels" {
  description = "Labels on the job."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "name" {
  description = "Job name (also the scheduler job's prefix)."
  type        = string
}

variable "parameters" {
  description = "Pipeline options passed to the template (names as in the pipeline's Options interface)."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "project_id" {
  description = "Project that runs the job."
  type        = string
}

variable "region" {
  description = "Dataflow region."
  type        = string
}

variable "schedule" {
  description = "For a batch pipeline: cron schedule, time zone and the identity Cloud Scheduler launches it with. Null launches one streaming job now."
  type = object({
    cron                  = string
    time_zone             = optional(string, "Etc/UTC")
    service_account_email = string
  })
  default = null
}

variable "service_account_email" {
  description = "The workers' identity (the controller service account)."
  type        = string
}

variable "subnetwork" {
  description = "Subnetwork self link for workers (regions/REGION/subnetworks/NAME); null uses the default network."
  type        = string
  default     = null
}

variable "temp_location" {
  description = "gs:// staging and temp location."
  type        = string
}

variable "workers" {
  description = "Machine type and autoscaling bounds."
  type = object({
    machine_type = optional(string, "n2-standard-2")
    max_workers  = optional(number, 3)
  })
  default  = {}
  nullable = false
  validation {
    condition     = var.workers.max_workers >= 1 && var.workers.max_workers <= 100
    error_message = "max_workers is between 1 and 100."
  }
}
