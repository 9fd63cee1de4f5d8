locals {
  # The export writes here and the forecast reads here (its history parameter).
  forecast_history_prefix = "forecast/history/"
  forecast_history_uri    = "gs://${var.artifacts_bucket}/${local.forecast_history_prefix}*.jsonl"
}

# The forecast's demand history, exported daily from the event tables before the forecast runs
# (dataflow-transforms/src/main/resources/sql/exports/forecast_history.sql says what counts as
# demand). An EXPORT DATA statement has no destination table, so none is set.
resource "google_bigquery_data_transfer_config" "forecast_history_export" {
  project              = var.project_id
  location             = var.bigquery_location
  display_name         = "${var.env}-forecast-history-export"
  data_source_id       = "scheduled_query"
  schedule             = var.schedules.forecast_history_export
  service_account_name = local.sa["forecast-export"]
  params = {
    query = templatefile(var.forecast_history_export_sql, {
      project     = var.project_id
      dataset     = module.bigquery.dataset_id
      history_uri = local.forecast_history_uri
    })
  }
  depends_on = [
    module.bigquery,
    google_service_account_iam_member.transfer_agent_token_creator,
    google_storage_bucket_iam_member.forecast_export_history,
  ]
}

# The BigQuery Data Transfer service agent runs the query as the export account, so it mints that
# account's tokens (on that account only; the provider's example grants it on the project).
resource "google_service_account_iam_member" "transfer_agent_token_creator" {
  service_account_id = module.service_accounts.ids["forecast-export"]
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:service-${var.project_number}@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com"
}

# The export replaces the history files and nothing else: the bucket also holds the Flex Template
# specs and function sources the other accounts run. Listing is a bucket permission, so the
# condition lets it through on the bucket itself.
resource "google_storage_bucket_iam_member" "forecast_export_history" {
  bucket = var.artifacts_bucket
  role   = "roles/storage.objectUser"
  member = local.member["forecast-export"]
  condition {
    title       = "forecast-history-only"
    description = "Objects under ${local.forecast_history_prefix} (and listing the bucket)."
    expression  = "resource.type == \"storage.googleapis.com/Bucket\" || resource.name.startsWith(\"projects/_/buckets/${var.artifacts_bucket}/objects/${local.forecast_history_prefix}\")"
  }
}
