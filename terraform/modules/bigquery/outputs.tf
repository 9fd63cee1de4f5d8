output "dataset_id" {
  description = "The dataset id, available once writers are bound."
  value       = google_bigquery_dataset.dataset.dataset_id
  depends_on  = [google_bigquery_dataset_iam_member.editor]
}

output "tables" {
  description = "Table ids by table name."
  value       = { for k, t in google_bigquery_table.table : k => t.id }
}

output "views" {
  description = "View ids by view name."
  value       = { for k, v in google_bigquery_table.view : k => v.id }
}
