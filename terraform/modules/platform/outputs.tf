output "connector_function_uris" {
  description = "Connector function URLs by function key."
  value       = { for k, f in module.connector_functions : k => f.uri }
}

output "public_urls" {
  description = "URLs vendors and storefronts call: order-intake-public (storefront API, marketplace webhooks) and the vendor-webhook function (Logiwa, ShipStation). Register these with each vendor (docs/deploy.md)."
  value = merge(
    { for name, s in module.services : name => s.uri if local.services[name].access.public },
    { for name, f in module.connector_functions : name => f.uri if local.functions[name].access.public },
  )
}

output "service_uris" {
  description = "Cloud Run service URLs by deployable name."
  value       = { for name, s in module.services : name => s.uri }
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
