env               = "prod"
project_id        = "storewire-prod"
project_number    = "000000000003"
artifacts_bucket  = "storewire-prod-storewire-artifacts"
delete_protection = true
sizes = {
  service_min_instances = { order-intake = 1, order-intake-public = 1 }
  dataflow_machine_type = "n2-standard-2"
  dataflow_max_workers  = 5
}
# Replace with the on-call channels: gcloud beta monitoring channels list --project storewire-prod
alert_notification_channels = []

# The vendors' non-secret settings (secrets go to Secret Manager: docs/deploy.md). Terraform refuses
# a plan while one a deployable reads is missing. Shop-specific values are this environment's.
connector_settings = {
  AMAZON_CLIENT_ID      = "amzn1.application-oa2-client.storewire-prod"
  AMAZON_LWA_URL        = "https://api.amazon.com"
  AMAZON_MARKETPLACE_ID = "A1F83G8C2ARO7P"
  AMAZON_SELLER_ID      = "STOREWIREPROD"
  AMAZON_SP_API_URL     = "https://sellingpartnerapi-eu.amazon.com"
  EBAY_BASE_URL         = "https://api.ebay.com"
  EBAY_CLIENT_ID        = "Storewire-prod-PRD"
  KLAVIYO_BASE_URL      = "https://a.klaviyo.com"
  LOGIWA_BASE_URL       = "https://myapi.logiwa.com"
  LOGIWA_USERNAME       = "storewire-prod"
  SHIPSTATION_BASE_URL  = "https://ssapi.shipstation.com"
  SHOPIFY_BASE_URL      = "https://storewire-prod.myshopify.com"
  SHOPIFY_CLIENT_ID     = "storewire-prod"
  # Optional: the Shopify locations stock is set at and reconciled from (gid://shopify/Location/N,
  # several separated by commas, the figure at the first). Left out, each instance looks up the
  # store's online location once (docs/deploy.md, "Vendor settings").
  # SHOPIFY_LOCATION_ID = "gid://shopify/Location/NNNNNNNNNNN"
  # The URL eBay's notification destination was given, exactly: eBay's endpoint challenge hashes
  # it. order-intake-public's Cloud Run URL (https://<service>-<project number>.<region>.run.app).
  STOREWIRE_WEBHOOKS_EBAY_ENDPOINT = "https://order-intake-public-000000000003.europe-west1.run.app/v1/webhooks/ebay/notifications"
  WOOCOMMERCE_SITE_URL             = "https://prod.shop.example.com"
}
