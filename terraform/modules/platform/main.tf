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
  sa     = module.service_accounts.emails
  member = module.service_accounts.members
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
  push_endpoints             = local.push_endpoints
  push_audiences             = local.push_audiences
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


module "monitoring" {
  source                = "../monitoring"
  project_id            = var.project_id
  prefix                = var.env
  labels                = local.labels
  notification_channels = var.alert_notification_channels
  drift_topic           = local.topic_of_event["DRIFT_DETECTED"]
}
