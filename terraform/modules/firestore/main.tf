resource "google_firestore_database" "database" {
  project                           = var.project_id
  name                              = var.database_id
  location_id                       = var.location_id
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = var.delete_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
}

# The expiry sweeper queries orders by status and expiry: status in (PLACED, OVERSOLD) and expires_at < now.
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

# Firestore deletes an order document once its purge_at has passed (within about a day).
# order-intake sets purge_at only when the order settles (fulfilled, cancelled, expired, rejected)
# plus its retention, so TTL never deletes an order whose units are still reserved, nor one the
# status API and reconciliation still read.
resource "google_firestore_field" "orders_purge_at_ttl" {
  project    = var.project_id
  database   = google_firestore_database.database.name
  collection = "orders"
  field      = "purge_at"
  ttl_config {}
}

resource "google_project_iam_member" "user" {
  for_each = toset(var.iam_users)
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = each.value
}
