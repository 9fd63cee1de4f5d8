output "name" {
  description = "Service name."
  value       = google_cloud_run_v2_service.service.name
}

output "uri" {
  description = "The service's HTTPS URL (push endpoints and OIDC audience), available once invokers are bound."
  value       = google_cloud_run_v2_service.service.uri
  depends_on  = [google_cloud_run_v2_service_iam_member.invoker, google_cloud_run_v2_service_iam_member.public]
}
