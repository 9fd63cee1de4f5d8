resource "google_cloud_run_v2_job" "job" {
  project             = var.project_id
  location            = var.region
  name                = var.name
  labels              = var.labels
  deletion_protection = false
  template {
    task_count = var.resources.task_count
    template {
      service_account = var.service_account_email
      max_retries     = var.resources.max_retries
      timeout         = "${var.resources.timeout_seconds}s"
      containers {
        image = var.image
        args  = var.args
        resources {
          limits = {
            cpu    = var.resources.cpu
            memory = var.resources.memory
          }
        }
        dynamic "env" {
          for_each = var.env
          content {
            name  = env.key
            value = env.value
          }
        }
        dynamic "env" {
          for_each = var.secret_env
          content {
            name = env.key
            value_source {
              secret_key_ref {
                secret  = env.value
                version = "latest"
              }
            }
          }
        }
      }
    }
  }
}

resource "google_cloud_run_v2_job_iam_member" "scheduler_invoker" {
  count    = var.schedule == null ? 0 : 1
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_job.job.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${var.scheduler_service_account_email}"
}

resource "google_cloud_scheduler_job" "schedule" {
  count     = var.schedule == null ? 0 : 1
  project   = var.project_id
  region    = var.region
  name      = "${var.name}-schedule"
  schedule  = var.schedule.cron
  time_zone = var.schedule.time_zone
  http_target {
    http_method = "POST"
    uri         = "https://run.googleapis.com/v2/${google_cloud_run_v2_job.job.id}:run"
    oauth_token {
      service_account_email = var.scheduler_service_account_email
    }
  }
  depends_on = [google_cloud_run_v2_job_iam_member.scheduler_invoker]
  lifecycle {
    precondition {
      condition     = var.scheduler_service_account_email != null
      error_message = "A scheduled job needs scheduler_service_account_email."
    }
  }
}
