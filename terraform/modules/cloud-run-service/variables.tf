variable "env" {
  description = "Plain environment variables (no credentials: use secret_env)."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "image" {
  description = "Container image, pinned by tag or digest (Cloud Build tags with the commit SHA)."
  type        = string
}

variable "ingress" {
  description = "Who may reach the service over the network."
  type        = string
  default     = "INGRESS_TRAFFIC_ALL"
  validation {
    condition     = contains(["INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"], var.ingress)
    error_message = "Use a Cloud Run v2 ingress value."
  }
}

variable "invokers" {
  description = "Members allowed to invoke the service (roles/run.invoker on this service only), e.g. the Pub/Sub push identity. Public access is `public`, never a member here."
  type        = list(string)
  default     = []
  nullable    = false
  validation {
    condition     = alltrue([for m in var.invokers : !contains(["allUsers", "allAuthenticatedUsers"], m)])
    error_message = "Public invokers are not members: set public = true for a deployable whose routes authenticate their callers themselves."
  }
}

variable "labels" {
  description = "Labels on the service."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "name" {
  description = "Service name."
  type        = string
}

variable "project_id" {
  description = "Project that runs the service."
  type        = string
}

variable "public" {
  description = "Whether anyone may invoke the service (allUsers): only for a deployable the deployment description marks public, whose routes authenticate their callers themselves (HMAC, API keys, tokens)."
  type        = bool
  default     = false
  nullable    = false
}

variable "region" {
  description = "Region of the service."
  type        = string
}

variable "resources" {
  description = "CPU, memory and instance bounds per revision."
  type = object({
    cpu           = optional(string, "1")
    memory        = optional(string, "512Mi")
    min_instances = optional(number, 0)
    max_instances = optional(number, 10)
    concurrency   = optional(number, 80)
  })
  default  = {}
  nullable = false
}

variable "secret_env" {
  description = "Environment variables read from Secret Manager: variable name => secret id (latest version)."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "service_account_email" {
  description = "The service's own identity."
  type        = string
}
