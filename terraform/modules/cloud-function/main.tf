# Cloud Functions gen2 (a Cloud Run service under the hood). Deliveries arrive over HTTP: the
# catalog's push subscription (with its dead-letter policy, filter, ordering and backoff) posts to
# the function's URL with an OIDC token of the push identity, which alone may invoke it.
resource "google_cloudfunctions2_function" "function" {
  project  = var.project_id
  location = var.region
  name     = var.name
  labels   = var.labels
  build_config {
    runtime     = "java17"
    entry_point = var.entry_point
    source {
      storage_source {
        bucket = var.source_archive.bucket
        object = var.source_archive.object
      }
    }
  }
  service_config {
    service_account_email            = var.service_account_email
    available_memory                 = var.resources.memory
    available_cpu                    = var.resources.cpu
    timeout_seconds                  = var.resources.timeout_seconds
    min_instance_count               = var.resources.min_instances
    max_instance_count               = var.resources.max_instances
    max_instance_request_concurrency = var.resources.concurrency
    ingress_settings                 = var.ingress
    all_traffic_on_latest_revision   = true
    environment_variables            = var.env
    dynamic "secret_environment_variables" {
      for_each = var.secret_env
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }
}

resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = toset(var.invokers)
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.function.name
  role     = "roles/run.invoker"
  member   = each.value
}

# Cloud Run's IAM check would refuse every vendor and storefront: they hold no Google identity.
resource "google_cloud_run_service_iam_member" "public" {
  count    = var.public ? 1 : 0
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.function.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
