output "public_urls" {
  description = "The URLs to register with vendors and the storefront (docs/deploy.md, \"Vendors calling in\")."
  value       = module.platform.public_urls
}

output "service_uris" {
  description = "Cloud Run service URLs by deployable name."
  value       = module.platform.service_uris
}

output "service_accounts" {
  description = "Service account emails by deployable."
  value       = module.platform.service_accounts
}
