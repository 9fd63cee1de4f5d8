variable "entry_point" {
  description = "Fully qualified class of the function (the Functions Framework target)."
  type        = string
}

variable "env" {
  description = "Plain environment variables (no credentials: use secret_env)."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "ingress" {
  description = "Who may reach the function over the network."
  type        = string
  default     = "ALLOW_ALL"
  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.ingress)
    error_message = "Use a Cloud Functions gen2 ingress value."
  }
}

variable "invokers" {
  description = "Members allowed to invoke the function (roles/run.invoker on its Cloud Run service only), e.g. the Pub/Sub push identity. Public access is `public`, never a member here."
  type        = list(string)
  default     = []
  nullable    = false
  validation {
    condition     = alltrue([for m in var.invokers : !contains(["allUsers", "allAuthenticatedUsers"], m)])
    error_message = "Public invokers are not members: set public = true for a deployable whose routes authenticate their callers themselves."
  }
}

variable "labels" {
  description = "Labels on the function."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "name" {
  description = "Function name."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.name))
    error_message = "Function names are lower-case letters, digits and dashes, at most 63."
  }
}

variable "project_id" {
  description = "Project that runs the function."
  type        = string
}

variable "public" {
  description = "Whether anyone may invoke the function (allUsers): only for a deployable the deployment description marks public, whose routes authenticate their callers themselves (HMAC, API keys, tokens)."
  type        = bool
  default     = false
  nullable    = false
}

variable "region" {
  description = "Region of the function."
  type        = string
}

variable "resources" {
  description = "Memory, CPU, timeout and instance bounds."
  type = object({
    memory          = optional(string, "512Mi")
    cpu             = optional(string, "1")
    timeout_seconds = optional(number, 300)
    min_instances   = optional(number, 0)
    max_instances   = optional(number, 20)
    concurrency     = optional(number, 1)
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
  description = "The function's runtime identity."
  type        = string
}

variable "source_archive" {
  description = "The connector-functions source or jar archive in Cloud Storage (uploaded by Cloud Build per commit)."
  type = object({
    bucket = string
    object = string
  })
}
