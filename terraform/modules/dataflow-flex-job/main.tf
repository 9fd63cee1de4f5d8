# A streaming pipeline runs as one long-lived job; terraform updates it in place (drain on destroy).
resource "google_dataflow_flex_template_job" "streaming" {
  provider                     = google-beta
  count                        = var.schedule == null ? 1 : 0
  project                      = var.project_id
  region                       = var.region
  name                         = var.name
  container_spec_gcs_path      = var.container_spec_gcs_path
  parameters                   = var.parameters
  labels                       = var.labels
  service_account_email        = var.service_account_email
  temp_location                = var.temp_location
  staging_location             = var.temp_location
  machine_type                 = var.workers.machine_type
  max_workers                  = var.workers.max_workers
  subnetwork                   = var.subnetwork
  enable_streaming_engine      = true
  on_delete                    = "drain"
  skip_wait_on_job_termination = false
}

# A batch pipeline is launched on a schedule through the Flex Template launch API.
resource "google_cloud_scheduler_job" "batch" {
  count     = var.schedule == null ? 0 : 1
  project   = var.project_id
  region    = var.region
  name      = "${var.name}-schedule"
  schedule  = var.schedule.cron
  time_zone = var.schedule.time_zone
  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project_id}/locations/${var.region}/flexTemplates:launch"
    headers     = { "Content-Type" = "application/json" }
    body = base64encode(jsonencode({
      launchParameter = {
        jobName              = var.name
        containerSpecGcsPath = var.container_spec_gcs_path
        parameters           = var.parameters
        environment = {
          serviceAccountEmail  = var.service_account_email
          tempLocation         = var.temp_location
          stagingLocation      = var.temp_location
          machineType          = var.workers.machine_type
          maxWorkers           = var.workers.max_workers
          subnetwork           = var.subnetwork
          additionalUserLabels = var.labels
        }
      }
    }))
    oauth_token {
      service_account_email = var.schedule.service_account_email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }
}
