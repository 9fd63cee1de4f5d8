provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}

module "platform" {
  source                      = "../../modules/platform"
  env                         = var.env
  project_id                  = var.project_id
  project_number              = var.project_number
  region                      = var.region
  firestore_location          = var.firestore_location
  bigquery_location           = var.bigquery_location
  artifacts_bucket            = var.artifacts_bucket
  image_tag                   = var.image_tag
  catalog_file                = "${path.root}/../../catalog/storewire-catalog.json"
  views_dir                   = "${path.root}/../../../dataflow-transforms/src/main/resources/sql/views"
  forecast_history_export_sql = "${path.root}/../../../dataflow-transforms/src/main/resources/sql/exports/forecast_history.sql"
  connector_settings          = var.connector_settings
  operators                   = var.operators
  alert_notification_channels = var.alert_notification_channels
  sizes                       = var.sizes
  delete_protection           = var.delete_protection
  reconciliation_job_enabled  = var.reconciliation_job_enabled
}
