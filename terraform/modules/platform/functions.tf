locals {
  # Deployed connector functions (every one an HTTP function): Functions Framework target, vendor
  # (whose secrets it reads), whether vendors call it directly (webhooks, authenticated by a shared
  # token, so no push identity is its invoker) and the catalog subscriptions that push to it
  # (local-stack's LocalStack.FUNCTIONS lists the same; DeployTerraformTest checks every catalog
  # connector subscription is pushed to exactly one).
  connector_functions = {
    shopify-stock = {
      entry_point       = "com.storewire.connectors.shopify.ShopifyStockFunction"
      vendor            = "shopify"
      called_by_vendors = false
      subscriptions     = ["availability--shopify", "availability--shopify-urgent"]
    }
    amazon-stock = {
      entry_point       = "com.storewire.connectors.amazon.AmazonStockFunction"
      vendor            = "amazon"
      called_by_vendors = false
      subscriptions     = ["availability--amazon", "availability--amazon-urgent"]
    }
    ebay-stock = {
      entry_point       = "com.storewire.connectors.ebay.EbayStockFunction"
      vendor            = "ebay"
      called_by_vendors = false
      subscriptions     = ["availability--ebay", "availability--ebay-urgent"]
    }
    woocommerce-stock = {
      entry_point       = "com.storewire.connectors.woocommerce.WooCommerceStockFunction"
      vendor            = "woocommerce"
      called_by_vendors = false
      subscriptions     = ["availability--woocommerce", "availability--woocommerce-urgent"]
    }
    shipstation-order = {
      entry_point       = "com.storewire.connectors.shipstation.ShipStationOrderFunction"
      vendor            = "shipstation"
      called_by_vendors = false
      subscriptions     = ["orders--shipstation"]
    }
    shipstation-shipment = {
      entry_point       = "com.storewire.connectors.shipstation.ShipStationShipmentFunction"
      vendor            = "shipstation"
      called_by_vendors = false
      subscriptions     = ["raw-vendor-payloads--shipstation"]
    }
    klaviyo-event = {
      entry_point       = "com.storewire.connectors.klaviyo.KlaviyoEventFunction"
      vendor            = "klaviyo"
      called_by_vendors = false
      subscriptions     = ["orders--klaviyo", "shipments--klaviyo"]
    }
    logiwa-order = {
      entry_point       = "com.storewire.connectors.logiwa.LogiwaOrderFunction"
      vendor            = "logiwa"
      called_by_vendors = false
      subscriptions     = ["orders--logiwa"]
    }
    logiwa-inventory = {
      entry_point       = "com.storewire.connectors.logiwa.LogiwaInventoryFunction"
      vendor            = "logiwa"
      called_by_vendors = false
      subscriptions     = ["raw-vendor-payloads--logiwa"]
    }
    vendor-webhook = {
      entry_point       = "com.storewire.connectors.webhooks.VendorWebhookFunction"
      vendor            = "storewire"
      called_by_vendors = true
      subscriptions     = []
    }
  }

  function_of_subscription = merge([
    for fn, f in local.connector_functions : { for s in f.subscriptions : s => fn }
  ]...)

  # Credentials the connector functions read from their environment; each becomes a Secret Manager
  # secret (lower-case, dashes) that only the function of that vendor gets as an env variable.
  connector_secret_env = [
    "AMAZON_CLIENT_SECRET",
    "AMAZON_REFRESH_TOKEN",
    "EBAY_CLIENT_SECRET",
    "EBAY_REFRESH_TOKEN",
    "KLAVIYO_API_KEY",
    "LOGIWA_PASSWORD",
    "SHIPSTATION_API_KEY",
    "SHIPSTATION_API_SECRET",
    "SHOPIFY_CLIENT_SECRET",
    "SHOPIFY_REFRESH_TOKEN",
    "STOREWIRE_WEBHOOK_TOKEN",
    "WOOCOMMERCE_CONSUMER_KEY",
    "WOOCOMMERCE_CONSUMER_SECRET",
  ]
  connector_secret_ids = { for name in local.connector_secret_env : name => lower(replace(name, "_", "-")) }

  # The reconciliation job reads each marketplace with the connectors' credentials, except
  # Shopify's: its refresh tokens rotate on every use, so the job has a read-only app of its own.
  # It signs recovered webhooks with a secret order-intake checks.
  reconciliation_secret_env = concat(
    [for name in local.connector_secret_env : name if length(regexall("^(AMAZON|EBAY|WOOCOMMERCE)_", name)) > 0],
    ["SHOPIFY_CLIENT_SECRET", "SHOPIFY_RECONCILIATION_REFRESH_TOKEN", "STOREWIRE_RECOVERY_SECRET"],
  )
  reconciliation_secret_ids = { for name in local.reconciliation_secret_env : name => lower(replace(name, "_", "-")) }
  secret_accessors = {
    for id in distinct(concat(values(local.connector_secret_ids), values(local.reconciliation_secret_ids))) :
    id => compact([
      contains(values(local.connector_secret_ids), id) ? local.member["connectors"] : "",
      contains(values(local.reconciliation_secret_ids), id) ? local.member["reconciliation"] : "",
      id == local.reconciliation_secret_ids["STOREWIRE_RECOVERY_SECRET"] ? local.member["order-intake"] : "",
    ])
  }

  # Parameters are the pipelines' own options (each template's metadata lists them; a test checks
  # these against it). The streaming pipelines find their catalog subscriptions themselves.
  dataflow_jobs = {
    normalise-vendor-events = {
      schedule = null
      parameters = {
        dataset = local.catalog.bigquery.dataset
      }
    }
    stream-events-to-bigquery = {
      schedule = null
      parameters = {
        dataset = local.catalog.bigquery.dataset
      }
    }
    forecast-safety-stock = {
      schedule = {
        cron                  = var.schedules.forecast_safety_stock
        service_account_email = local.sa["scheduler"]
      }
      parameters = {
        history         = local.forecast_history_uri
        eventsOutput    = "gs://${var.artifacts_bucket}/forecast/out/safety-stock.jsonl"
        forecastsOutput = "gs://${var.artifacts_bucket}/forecast/out/forecasts.jsonl"
        failuresOutput  = "gs://${var.artifacts_bucket}/forecast/out/failures.jsonl"
        forecastTable   = "${var.project_id}:${local.catalog.bigquery.dataset}.demand_forecasts"
        pubsubProject   = var.project_id
      }
    }
  }
}
