resource "google_cloud_run_v2_service" "service" {
  project             = var.project_id
  location            = var.region
  name                = var.name
  ingress             = var.ingress
  labels              = var.labels
  deletion_protection = false
  template {
    service_account                  = var.service_account_email
    max_instance_request_concurrency = var.resources.concurrency
    scaling {
      min_instance_count = var.resources.min_instances
      max_instance_count = var.resources.max_instances
    }
    containers {
      image = var.image
      resources {
        limits = {
          cpu    = var.resources.cpu
          memory = var.resources.memory
        }
        # The outbox relay and the expiry sweeper run between requests: CPU stays allocated.
        cpu_idle = false
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
      startup_probe {
        http_get {
          path = "/health"
        }
      }
      liveness_probe {
        http_get {
          path = "/health"
        }
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "invoker" {
  for_each = toset(var.invokers)
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service.name
  role     = "roles/run.invoker"
  member   = each.value
}

# Cloud Run's IAM check would refuse every vendor and storefront: they hold no Google identity.
resource "google_cloud_run_v2_service_iam_member" "public" {
  count    = var.public ? 1 : 0
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.service.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
