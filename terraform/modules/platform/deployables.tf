locals {
  # The deployment description (canonical-events' Deployment, exported beside the catalog): every
  # deployable's entry point, environment, secrets, concurrency, instance bounds and invokers. The
  # local stack runs the same description; nothing here retypes it.
  deployment  = jsondecode(file("${local.catalog_dir}/storewire-deployment.json"))
  deployables = local.deployment.deployables
  services    = { for name, d in local.deployables : name => d if d.kind == "service" }
  functions   = { for name, d in local.deployables : name => d if d.kind == "function" }
  jobs        = { for name, d in local.deployables : name => d if d.kind == "job" }

  # Cloud Run's deterministic URL, known before the service exists: push endpoints, OIDC audiences
  # and the job's ORDER_INTAKE_URL need it, and none of them may wait for the service.
  service_urls = {
    for name, d in local.services : name => format("https://%s-%s.%s.run.app", name, var.project_number, var.region)
  }

  # What an environment variable with source "platform" names.
  platform_facts = {
    project_id     = var.project_id
    metrics_export = "true"
    # The keys that sign Pub/Sub push tokens (order-intake checks them; locally a stand-in's).
    google_certs_url = "https://www.googleapis.com/oauth2/v3/certs"
  }
  platform_urls       = { for name, url in local.service_urls : format("url:%s", name) => url }
  platform_identities = { for account, email in local.sa : format("identity:%s", account) => email }
  platform_values     = merge(local.platform_facts, local.platform_urls, local.platform_identities)
  missing_settings = sort(distinct(flatten([
    for d in local.deployables : [for v in d.env : v.value if v.source == "setting" && !contains(keys(var.connector_settings), v.value)]
  ])))
  # An optional setting (source "optional_setting") the environment does not give is left out of
  # the deployable's environment, which then does without it (Shopify: the store's online location).
  env_of = {
    for name, d in local.deployables : name => {
      for variable, v in d.env : variable => (
        v.source == "value" ? v.value :
        contains(["setting", "optional_setting"], v.source) ? lookup(var.connector_settings, v.value, "") :
        local.platform_values[v.value]
      ) if v.source != "optional_setting" || contains(keys(var.connector_settings), v.value)
    }
  }
  invokers_of = {
    for name, d in local.deployables : name => flatten([
      for invoker in d.access.invokers : invoker == "operators" ? var.operators : [local.member[invoker]]
    ])
  }
  secret_accessors = {
    for variable, s in local.deployment.secrets : s.id => [for account in s.readers : local.member[account]]
  }

  # Every catalog push subscription reaches the deployable the description names, at its path.
  push_endpoints = merge([
    for name, d in local.deployables : {
      for subscription, path in d.pushes : subscription => d.kind == "service" ? format("%s%s", local.service_urls[name], path) : module.connector_functions[name].uri
    }
  ]...)
  # order-intake checks the audience against its own URL (STOREWIRE_PUSH_OIDC_AUDIENCE); a function
  # is called with its own URL as the audience, which Cloud Run accepts.
  push_audiences = merge([
    for name, d in local.deployables : {
      for subscription, path in d.pushes : subscription => d.kind == "service" ? local.service_urls[name] : module.connector_functions[name].uri
    }
  ]...)
}

# A setting the description names but terraform.tfvars lacks would start a connector that cannot
# reach its vendor: refuse the plan instead, naming each one.
resource "terraform_data" "settings_complete" {
  lifecycle {
    precondition {
      condition     = length(local.missing_settings) == 0
      error_message = "connector_settings lacks ${join(", ", local.missing_settings)} (terraform.tfvars; see docs/deploy.md)."
    }
  }
}

module "services" {
  source                = "../cloud-run-service"
  for_each              = local.services
  project_id            = var.project_id
  region                = var.region
  name                  = each.key
  image                 = "${local.images}/${each.value.entry_point}:${var.image_tag}"
  service_account_email = local.sa[each.value.identity]
  labels                = local.labels
  public                = each.value.access.public
  invokers              = local.invokers_of[each.key]
  env                   = local.env_of[each.key]
  secret_env            = each.value.secrets
  resources = {
    concurrency   = each.value.scaling.concurrency
    min_instances = max(each.value.scaling.min_instances, lookup(var.sizes.service_min_instances, each.key, 0))
    max_instances = each.value.scaling.max_instances
  }
  depends_on = [module.secrets]
}

module "connector_functions" {
  source                = "../cloud-function"
  for_each              = local.functions
  project_id            = var.project_id
  region                = var.region
  name                  = "${var.env}-${each.key}"
  entry_point           = each.value.entry_point
  service_account_email = local.sa[each.value.identity]
  labels                = local.labels
  public                = each.value.access.public
  invokers              = local.invokers_of[each.key]
  source_archive = {
    bucket = var.artifacts_bucket
    object = "functions/${var.image_tag}/connector-functions.zip"
  }
  env        = local.env_of[each.key]
  secret_env = each.value.secrets
  resources = {
    concurrency   = each.value.scaling.concurrency
    min_instances = each.value.scaling.min_instances
    max_instances = each.value.scaling.max_instances
  }
  depends_on = [module.secrets]
}

# Runs to completion on a schedule, its SKU space split across tasks (CLOUD_RUN_TASK_INDEX/COUNT).
module "reconciliation_job" {
  source                          = "../cloud-run-job"
  for_each                        = var.reconciliation_job_enabled ? local.jobs : {}
  project_id                      = var.project_id
  region                          = var.region
  name                            = "${var.env}-${each.key}"
  image                           = "${local.images}/${each.value.entry_point}:${var.image_tag}"
  service_account_email           = local.sa[each.value.identity]
  scheduler_service_account_email = local.sa["scheduler"]
  labels                          = local.labels
  env                             = local.env_of[each.key]
  secret_env                      = each.value.secrets
  resources                       = { task_count = each.value.scaling.max_instances }
  schedule                        = { cron = var.schedules.reconciliation }
  depends_on                      = [module.secrets]
}
