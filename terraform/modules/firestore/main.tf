resource "google_firestore_database" "database" {
  project                           = var.project_id
  name                              = var.database_id
  location_id                       = var.location_id
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = var.delete_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
}

# The expiry sweeper queries orders by status and expiry: where status == PENDING and expires_at < now.
resource "google_firestore_index" "orders_status_expires_at" {
  project    = var.project_id
  database   = google_firestore_database.database.name
  collection = "orders"
  fields {
    field_path = "status"
    order      = "ASCENDING"
  }
  fields {
    field_path = "expires_at"
    order      = "ASCENDING"
  }
}

# Firestore deletes an order document once its expires_at has passed (within about a day);
# the sweeper releases stock first, so TTL only reclaims storage.
resource "google_firestore_field" "orders_expires_at_ttl" {
  project    = var.project_id
  database   = google_firestore_database.database.name
  collection = "orders"
  field      = "expires_at"
  ttl_config {}
}

resource "google_project_iam_member" "user" {
  for_each = toset(var.iam_users)
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = each.value
}
