output "connector_function_uris" {
  description = "Connector function URLs by function key."
  value       = { for k, f in module.connector_functions : k => f.uri }
}

output "order_intake_uri" {
  description = "order-intake's URL."
  value       = module.order_intake.uri
}

output "service_accounts" {
  description = "Service account emails by deployable."
  value       = module.service_accounts.emails
}

output "subscriptions" {
  description = "Catalog subscription ids by name."
  value       = module.pubsub.subscriptions
}

output "topics" {
  description = "Catalog topic ids by name."
  value       = module.pubsub.topics
}
