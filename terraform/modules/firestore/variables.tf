variable "database_id" {
  description = "Firestore database id; order-intake uses the default database."
  type        = string
  default     = "(default)"
}

variable "delete_protection" {
  description = "Refuse `terraform destroy` of the database (keep true outside dev)."
  type        = bool
  default     = true
}

variable "iam_users" {
  description = "Members granted roles/datastore.user (read and write documents) on the project; Firestore has no finer-grained IAM resource."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "location_id" {
  description = "Firestore location, e.g. eur3 or europe-west1; cannot change after creation."
  type        = string
}

variable "project_id" {
  description = "Project that holds the database."
  type        = string
}
