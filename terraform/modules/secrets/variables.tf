variable "accessors" {
  description = "Members allowed to read each secret's versions (roles/secretmanager.secretAccessor on that secret only), by secret id."
  type        = map(list(string))
  default     = {}
  nullable    = false
}

variable "labels" {
  description = "Labels on every secret."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "project_id" {
  description = "Project that holds the secrets."
  type        = string
}

variable "secret_ids" {
  description = "Secret ids to declare. Terraform creates the secrets only; operators add versions (values never enter terraform state)."
  type        = set(string)
  validation {
    condition     = alltrue([for s in var.secret_ids : can(regex("^[a-z][a-z0-9-]{2,254}$", s))])
    error_message = "Secret ids are lower-case kebab case."
  }
}
