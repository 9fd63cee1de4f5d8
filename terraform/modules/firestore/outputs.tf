output "database" {
  description = "The Firestore database name."
  value       = google_firestore_database.database.name
  depends_on  = [google_firestore_index.orders_status_expires_at, google_firestore_field.orders_purge_at_ttl]
}
