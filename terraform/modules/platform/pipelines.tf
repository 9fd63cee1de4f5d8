locals {
  # Parameters are the pipelines' own options (each template's metadata lists them; a test checks
  # these against it). The streaming pipelines find their catalog subscriptions themselves.
  dataflow_jobs = {
    normalise-vendor-events = {
      schedule = null
      parameters = {
        dataset = local.catalog.bigquery.dataset
      }
    }
    stream-events-to-bigquery = {
      schedule = null
      parameters = {
        dataset = local.catalog.bigquery.dataset
      }
    }
    forecast-safety-stock = {
      schedule = {
        cron                  = var.schedules.forecast_safety_stock
        service_account_email = local.sa["scheduler"]
      }
      parameters = {
        history         = local.forecast_history_uri
        eventsOutput    = "gs://${var.artifacts_bucket}/forecast/out/safety-stock.jsonl"
        forecastsOutput = "gs://${var.artifacts_bucket}/forecast/out/forecasts.jsonl"
        failuresOutput  = "gs://${var.artifacts_bucket}/forecast/out/failures.jsonl"
        forecastTable   = "${var.project_id}:${local.catalog.bigquery.dataset}.demand_forecasts"
        pubsubProject   = var.project_id
      }
    }
  }
}

module "dataflow_jobs" {
  source                  = "../dataflow-flex-job"
  for_each                = local.dataflow_jobs
  project_id              = var.project_id
  region                  = var.region
  name                    = "${var.env}-${each.key}"
  container_spec_gcs_path = "gs://${var.artifacts_bucket}/templates/${var.image_tag}/${each.key}.json"
  temp_location           = "gs://${var.artifacts_bucket}/dataflow-temp/${each.key}"
  service_account_email   = local.sa["dataflow"]
  parameters              = each.value.parameters
  labels                  = local.labels
  schedule                = each.value.schedule
  workers = {
    machine_type = var.sizes.dataflow_machine_type
    max_workers  = var.sizes.dataflow_max_workers
  }
  depends_on = [module.pubsub, module.bigquery, google_storage_bucket_iam_member.dataflow_temp]
}
