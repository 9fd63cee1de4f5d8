locals {
  # Everything named here comes from the catalog export; nothing is retyped.
  catalog     = jsondecode(file(var.catalog_file))
  catalog_dir = dirname(var.catalog_file)
  labels      = { app = "storewire", env = var.env }
  images      = "${var.region}-docker.pkg.dev/${var.project_id}/${var.artifact_registry_repository}"

  subscriptions = {
    for s in flatten([for t in local.catalog.topics : [for sub in t.subscriptions : merge(sub, { topic = t.name })]]) :
    s.name => s
  }
  topic_of_event = { for e in local.catalog.event_types : e.name => e.topic }
  published_by = {
    for component in ["order-intake", "connector-functions", "dataflow-transforms", "reconciliation-job"] :
    component => [for t in local.catalog.topics : t.name if contains(t.publishers, component)]
  }
  consumed_by = {
    for component in ["order-intake", "connector-functions", "dataflow-transforms", "reconciliation-job"] :
    component => [for name, s in local.subscriptions : name if s.consumer == component]
  }
  # Order-intake's endpoint per push subscription: /v1/push/<consumer_name> unless its route
  # (push/PushController) is named otherwise here or overridden.
  intake_push_path_exceptions = merge({
    "connector-alerts--compensation" = "/v1/push/compensations"
    "stock-adjustments--stock"       = "/v1/push/stock-adjustments"
  }, var.order_intake_push_paths)
  intake_push_paths = {
    for name in local.consumed_by["order-intake"] :
    name => lookup(local.intake_push_path_exceptions, name, format("/v1/push/%s", local.subscriptions[name].consumer_name))
  }
  intake_push_subscriptions = [for name, s in local.subscriptions : name if s.consumer == "order-intake" && s.delivery == "push"]
  intake_push_endpoints = {
    for name in local.intake_push_subscriptions : name => format("%s%s", module.order_intake.uri, local.intake_push_paths[name])
  }
  # order-intake checks each push token's audience against its own deterministic URL.
  intake_audience       = format("https://order-intake-%s.%s.run.app", var.project_number, var.region)
  intake_push_audiences = { for name in local.intake_push_subscriptions : name => local.intake_audience }
  function_push_endpoints = {
    for name in local.consumed_by["connector-functions"] : name => module.connector_functions[local.function_of_subscription[name]].uri
  }
  function_push_audiences = local.function_push_endpoints
  sa                      = module.service_accounts.emails
  member                  = module.service_accounts.members
}

module "service_accounts" {
  source     = "../service-accounts"
  project_id = var.project_id
  prefix     = var.env
  accounts = {
    order-intake = {
      description   = "order-intake (Cloud Run): Firestore, publishes its topics, writes metrics."
      project_roles = ["roles/monitoring.metricWriter", "roles/logging.logWriter"]
    }
    connectors = {
      description   = "connector-functions: reads its vendor secrets, publishes its topics, parks on its dead-letter topics, keeps Shopify's rotating token in Firestore."
      project_roles = ["roles/logging.logWriter"]
    }
    dataflow = {
      description   = "dataflow-transforms workers: pull their subscriptions, write the events dataset, publish their topics."
      project_roles = ["roles/dataflow.worker", "roles/bigquery.jobUser", "roles/logging.logWriter"]
    }
    reconciliation = {
      description   = "reconciliation-job (Cloud Run job): reads Firestore and vendors, publishes drift and corrections."
      project_roles = ["roles/logging.logWriter"]
    }
    pubsub-push = {
      description = "Identity in the OIDC token of every push subscription; may only invoke order-intake and the connector functions."
    }
    scheduler = {
      description   = "Cloud Scheduler: starts the reconciliation job and launches the daily Flex Template."
      project_roles = ["roles/dataflow.developer"]
    }
    forecast-export = {
      description   = "BigQuery scheduled query: exports the forecast's demand history from the dataset to the artifacts bucket."
      project_roles = ["roles/bigquery.jobUser"]
    }
  }
}

# The Pub/Sub service agent mints OIDC tokens for the push identity (on that account only).
resource "google_service_account_iam_member" "push_token_creator" {
  service_account_id = module.service_accounts.ids["pubsub-push"]
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# The scheduler launches Dataflow jobs that run as the dataflow account (actAs on that account only).
resource "google_service_account_iam_member" "scheduler_acts_as_dataflow" {
  service_account_id = module.service_accounts.ids["dataflow"]
  role               = "roles/iam.serviceAccountUser"
  member             = local.member["scheduler"]
}

resource "google_storage_bucket_iam_member" "dataflow_temp" {
  bucket = var.artifacts_bucket
  role   = "roles/storage.objectUser"
  member = local.member["dataflow"]
}

module "secrets" {
  source     = "../secrets"
  project_id = var.project_id
  labels     = local.labels
  secret_ids = toset(keys(local.secret_accessors))
  accessors  = local.secret_accessors
}

module "firestore" {
  source            = "../firestore"
  project_id        = var.project_id
  location_id       = var.firestore_location
  delete_protection = var.delete_protection
  # The connectors keep Shopify's rotating refresh token in connector_credentials/shopify.
  iam_users = [local.member["order-intake"], local.member["connectors"], local.member["reconciliation"]]
}

module "order_intake" {
  source                = "../cloud-run-service"
  project_id            = var.project_id
  region                = var.region
  name                  = "order-intake"
  image                 = "${local.images}/order-intake:${var.image_tag}"
  service_account_email = local.sa["order-intake"]
  labels                = local.labels
  # The reconciliation job reads its API and hands it recovered orders.
  invokers = [local.member["pubsub-push"], local.member["reconciliation"]]
  env = {
    GOOGLE_CLOUD_PROJECT                = var.project_id
    STOREWIRE_METRICS_EXPORT            = "true"
    STOREWIRE_PUSH_OIDC_AUDIENCE        = local.intake_audience
    STOREWIRE_PUSH_OIDC_SERVICE_ACCOUNT = local.sa["pubsub-push"]
  }
  secret_env = { STOREWIRE_RECOVERY_SECRET = local.reconciliation_secret_ids["STOREWIRE_RECOVERY_SECRET"] }
  depends_on = [module.secrets]
  resources = {
    min_instances = var.sizes.order_intake_min_instances
    max_instances = var.sizes.order_intake_max_instances
  }
}

module "connector_functions" {
  source                = "../cloud-function"
  for_each              = local.connector_functions
  project_id            = var.project_id
  region                = var.region
  name                  = "${var.env}-${each.key}"
  entry_point           = each.value.entry_point
  service_account_email = local.sa["connectors"]
  labels                = local.labels
  invokers              = each.value.called_by_vendors ? [] : [local.member["pubsub-push"]]
  source_archive = {
    bucket = var.artifacts_bucket
    object = "functions/${var.image_tag}/connector-functions.zip"
  }
  env = merge(var.connector_settings, { GOOGLE_CLOUD_PROJECT = var.project_id })
  secret_env = {
    for name, id in local.connector_secret_ids : name => id if startswith(name, format("%s_", upper(each.value.vendor)))
  }
  resources = {
    max_instances = var.sizes.function_max_instances
  }
  depends_on = [module.secrets]
}

module "pubsub" {
  source         = "../pubsub"
  project_id     = var.project_id
  project_number = var.project_number
  labels         = local.labels
  topics         = local.catalog.topics
  schema = {
    name       = local.catalog.pubsub_schema.name
    encoding   = local.catalog.pubsub_schema.encoding
    definition = file("${local.catalog_dir}/${local.catalog.pubsub_schema.definition_file}")
  }
  push_endpoints             = merge(local.intake_push_endpoints, local.function_push_endpoints)
  push_audiences             = merge(local.intake_push_audiences, local.function_push_audiences)
  push_service_account_email = local.sa["pubsub-push"]
  iam_publishers = {
    for topic in local.catalog.topics : topic.name => compact([
      contains(topic.publishers, "order-intake") ? local.member["order-intake"] : "",
      contains(topic.publishers, "connector-functions") ? local.member["connectors"] : "",
      contains(topic.publishers, "dataflow-transforms") ? local.member["dataflow"] : "",
      # The job publishes its own topics and replays parked messages to the topic they came on.
      contains(topic.publishers, "reconciliation-job") || length(topic.subscriptions) > 0 ? local.member["reconciliation"] : "",
    ])
  }
  iam_subscribers            = { for name in local.consumed_by["dataflow-transforms"] : name => [local.member["dataflow"]] }
  iam_dead_letter_publishers = { for name in local.consumed_by["connector-functions"] : name => [local.member["connectors"]] }
  iam_parked_subscribers     = [local.member["reconciliation"]]
}


module "bigquery" {
  source                    = "../bigquery"
  project_id                = var.project_id
  location                  = var.bigquery_location
  dataset_id                = local.catalog.bigquery.dataset
  tables                    = local.catalog.bigquery.tables
  schema_dir                = local.catalog_dir
  views_dir                 = var.views_dir
  labels                    = local.labels
  delete_protection         = var.delete_protection
  partition_expiration_days = var.sizes.partition_expiration_days
  iam_editors               = [local.member["dataflow"]]
  iam_viewers               = [local.member["reconciliation"], local.member["forecast-export"]]
}

module "dataflow_jobs" {
  source                  = "../dataflow-flex-job"
  for_each                = local.dataflow_jobs
  project_id              = var.project_id
  region                  = var.region
  name                    = "${var.env}-${each.key}"
  container_spec_gcs_path = "gs://${var.artifacts_bucket}/templates/${var.image_tag}/${each.key}.json"
  temp_location           = "gs://${var.artifacts_bucket}/dataflow-temp/${each.key}"
  service_account_email   = local.sa["dataflow"]
  parameters              = each.value.parameters
  labels                  = local.labels
  schedule                = each.value.schedule
  workers = {
    machine_type = var.sizes.dataflow_machine_type
    max_workers  = var.sizes.dataflow_max_workers
  }
  depends_on = [module.pubsub, module.bigquery, google_storage_bucket_iam_member.dataflow_temp]
}

# Runs to completion on a schedule, its SKU space split across tasks (CLOUD_RUN_TASK_INDEX/COUNT).
module "reconciliation_job" {
  source                          = "../cloud-run-job"
  count                           = var.reconciliation_job_enabled ? 1 : 0
  project_id                      = var.project_id
  region                          = var.region
  name                            = "${var.env}-reconciliation"
  image                           = "${local.images}/reconciliation-job:${var.image_tag}"
  service_account_email           = local.sa["reconciliation"]
  scheduler_service_account_email = local.sa["scheduler"]
  labels                          = local.labels
  env = merge(var.connector_settings, {
    GOOGLE_CLOUD_PROJECT = var.project_id
    ORDER_INTAKE_URL     = module.order_intake.uri
  })
  secret_env = local.reconciliation_secret_ids
  resources  = { task_count = var.sizes.reconciliation_tasks }
  schedule   = { cron = var.schedules.reconciliation }
  depends_on = [module.secrets]
}

module "monitoring" {
  source                = "../monitoring"
  project_id            = var.project_id
  prefix                = var.env
  labels                = local.labels
  notification_channels = var.alert_notification_channels
  drift_topic           = local.topic_of_event["DRIFT_DETECTED"]
}
