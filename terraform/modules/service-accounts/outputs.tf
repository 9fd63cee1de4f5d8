output "emails" {
  description = "Service account emails by account key."
  value       = { for k, a in google_service_account.account : k => a.email }
  depends_on  = [google_project_iam_member.project_role]
}

output "ids" {
  description = "Service account resource ids by account key (for iam_member on the account itself)."
  value       = { for k, a in google_service_account.account : k => a.id }
}

output "members" {
  description = "IAM members (serviceAccount:...) by account key."
  value       = { for k, a in google_service_account.account : k => a.member }
  depends_on  = [google_project_iam_member.project_role]
}
