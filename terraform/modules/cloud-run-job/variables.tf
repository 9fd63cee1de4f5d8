variable "args" {
  description = "Container arguments."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "env" {
  description = "Plain environment variables."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "image" {
  description = "Container image, pinned by tag or digest."
  type        = string
}

variable "labels" {
  description = "Labels on the job."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "name" {
  description = "Job name."
  type        = string
}

variable "project_id" {
  description = "Project that runs the job."
  type        = string
}

variable "region" {
  description = "Region of the job and its scheduler."
  type        = string
}

variable "resources" {
  description = "Tasks, retries, timeout, CPU and memory per execution."
  type = object({
    task_count      = optional(number, 1)
    max_retries     = optional(number, 3)
    timeout_seconds = optional(number, 1800)
    cpu             = optional(string, "1")
    memory          = optional(string, "1Gi")
  })
  default  = {}
  nullable = false
}

variable "schedule" {
  description = "Cron schedule (Cloud Scheduler syntax) and time zone; null for no schedule."
  type = object({
    cron      = string
    time_zone = optional(string, "Etc/UTC")
  })
  default = null
}

variable "scheduler_service_account_email" {
  description = "Identity Cloud Scheduler uses to start executions (granted roles/run.invoker on this job only)."
  type        = string
  default     = null
}

variable "secret_env" {
  description = "Environment variables read from Secret Manager: variable name => secret id (latest version)."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "service_account_email" {
  description = "The job's runtime identity."
  type        = string
}
