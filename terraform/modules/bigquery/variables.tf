variable "dataset_id" {
  description = "Dataset id, from the catalog export (`bigquery.dataset`)."
  type        = string
}

variable "delete_protection" {
  description = "Refuse to destroy tables that hold data (keep true outside dev)."
  type        = bool
  default     = true
}

variable "iam_editors" {
  description = "Members that write rows (roles/bigquery.dataEditor on this dataset only)."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "iam_viewers" {
  description = "Members that read rows (roles/bigquery.dataViewer on this dataset only)."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "labels" {
  description = "Labels on the dataset and tables."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "location" {
  description = "Dataset location (e.g. EU, US, europe-west1)."
  type        = string
}

variable "partition_expiration_days" {
  description = "Days a partition is kept; null keeps partitions forever."
  type        = number
  default     = null
}

variable "project_id" {
  description = "Project that holds the dataset."
  type        = string
}

variable "schema_dir" {
  description = "Directory the tables' `schema_file` paths are relative to (the checked-in catalog export)."
  type        = string
}

variable "tables" {
  description = "The catalog's tables, as exported (storewire-catalog.json `bigquery.tables`)."
  type = list(object({
    table           = string
    partition_field = string
    partition_type  = string
    clustering      = list(string)
    schema_file     = string
  }))
  validation {
    condition     = alltrue([for t in var.tables : length(t.clustering) <= 4])
    error_message = "BigQuery clusters on at most four fields."
  }
}

variable "views_dir" {
  description = "Directory of `<view>.sql` files, one view each; a missing directory means no views."
  type        = string
  default     = null
}
