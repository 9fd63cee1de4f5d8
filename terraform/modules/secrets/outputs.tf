output "ids" {
  description = "Secret ids (short names) by secret id, available once accessors are bound."
  value       = { for k, s in google_secret_manager_secret.secret : k => s.secret_id }
  depends_on  = [google_secret_manager_secret_iam_member.accessor]
}
