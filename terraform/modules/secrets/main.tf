resource "google_secret_manager_secret" "secret" {
  for_each  = var.secret_ids
  project   = var.project_id
  secret_id = each.value
  labels    = var.labels
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each = {
    for pair in flatten([
      for secret, members in var.accessors : [for m in members : { secret = secret, member = m }]
    ]) : format("%s/%s", pair.secret, pair.member) => pair
  }
  project   = var.project_id
  secret_id = google_secret_manager_secret.secret[each.value.secret].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = each.value.member
}
