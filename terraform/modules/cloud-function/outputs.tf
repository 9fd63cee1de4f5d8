output "name" {
  description = "Function name."
  value       = google_cloudfunctions2_function.function.name
}

output "uri" {
  description = "The function's HTTPS URL (push endpoint and OIDC audience), available once invokers are bound."
  value       = google_cloudfunctions2_function.function.service_config[0].uri
  depends_on  = [google_cloud_run_service_iam_member.invoker, google_cloud_run_service_iam_member.public]
}
