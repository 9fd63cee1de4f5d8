output "name" {
  description = "Job name."
  value       = google_cloud_run_v2_job.job.name
}

output "scheduler_job" {
  description = "The Cloud Scheduler job that starts executions, or null."
  value       = var.schedule == null ? null : google_cloud_scheduler_job.schedule[0].id
}
