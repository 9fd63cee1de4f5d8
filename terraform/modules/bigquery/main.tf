locals {
  tables = { for t in var.tables : t.table => t }
  # fileset() on a directory that does not exist returns an empty set: no views. Each file is the
  # view's query alone, naming tables `${project}.${dataset}.<table>` (filled in here).
  views = var.views_dir == null ? {} : {
    for f in fileset(var.views_dir, "*.sql") : trimsuffix(f, ".sql") => templatefile(join("/", [var.views_dir, f]), {
      project = var.project_id
      dataset = var.dataset_id
    })
  }
  partition_expiration_ms = var.partition_expiration_days == null ? null : var.partition_expiration_days * 86400000
}

resource "google_bigquery_dataset" "dataset" {
  project     = var.project_id
  dataset_id  = var.dataset_id
  location    = var.location
  labels      = var.labels
  description = "Storewire events, one table per event type (from the catalog export)."
}

resource "google_bigquery_table" "table" {
  for_each            = local.tables
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.dataset.dataset_id
  table_id            = each.value.table
  labels              = var.labels
  schema              = file("${var.schema_dir}/${each.value.schema_file}")
  clustering          = each.value.clustering
  deletion_protection = var.delete_protection
  time_partitioning {
    type          = each.value.partition_type
    field         = each.value.partition_field
    expiration_ms = local.partition_expiration_ms
  }
  require_partition_filter = true
}

resource "google_bigquery_table" "view" {
  for_each            = local.views
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.dataset.dataset_id
  table_id            = each.key
  labels              = var.labels
  deletion_protection = false
  view {
    query          = each.value
    use_legacy_sql = false
  }
  depends_on = [google_bigquery_table.table]
}

resource "google_bigquery_dataset_iam_member" "editor" {
  for_each   = toset(var.iam_editors)
  project    = var.project_id
  dataset_id = google_bigquery_dataset.dataset.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = each.value
}

resource "google_bigquery_dataset_iam_member" "viewer" {
  for_each   = toset(var.iam_viewers)
  project    = var.project_id
  dataset_id = google_bigquery_dataset.dataset.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = each.value
}
