output "order_intake_uri" {
  description = "order-intake's URL."
  value       = module.platform.order_intake_uri
}

output "service_accounts" {
  description = "Service account emails by deployable."
  value       = module.platform.service_accounts
}
