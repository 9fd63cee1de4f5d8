output "job_id" {
  description = "The streaming job's id, or null for a scheduled batch pipeline."
  value       = var.schedule == null ? google_dataflow_flex_template_job.streaming[0].job_id : null
}

output "scheduler_job" {
  description = "The Cloud Scheduler job that launches the batch pipeline, or null."
  value       = var.schedule == null ? null : google_cloud_scheduler_job.batch[0].id
}
