locals {
  topics = { for t in var.topics : t.name => t }
  subscriptions = {
    for s in flatten([for t in var.topics : [for sub in t.subscriptions : merge(sub, { topic = t.name })]]) :
    s.name => s
  }
  pubsub_agent = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_schema" "events" {
  project    = var.project_id
  name       = var.schema.name
  type       = "AVRO"
  definition = var.schema.definition
}

resource "google_pubsub_topic" "topic" {
  for_each = local.topics
  project  = var.project_id
  name     = each.value.name
  labels   = var.labels
  schema_settings {
    schema   = google_pubsub_schema.events.id
    encoding = var.schema.encoding
  }
}

# One dead-letter topic per subscription, named by the catalog (`<sub>--dead-letter`).
resource "google_pubsub_topic" "dead_letter" {
  for_each = local.subscriptions
  project  = var.project_id
  name     = each.value.dead_letter_topic
  labels   = merge(var.labels, { dead_letter_of = substr(replace(each.key, "--", "_"), 0, 63) })
}

resource "google_pubsub_subscription" "subscription" {
  for_each                = local.subscriptions
  project                 = var.project_id
  name                    = each.value.name
  topic                   = google_pubsub_topic.topic[each.value.topic].id
  labels                  = var.labels
  ack_deadline_seconds    = each.value.ack_deadline_seconds
  enable_message_ordering = each.value.message_ordering
  filter                  = each.value.filter
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.key].id
    max_delivery_attempts = each.value.max_delivery_attempts
  }
  retry_policy {
    minimum_backoff = "${each.value.minimum_backoff_seconds}s"
    maximum_backoff = "${each.value.maximum_backoff_seconds}s"
  }
  expiration_policy {
    ttl = ""
  }
  dynamic "push_config" {
    for_each = contains(keys(var.push_endpoints), each.key) ? [each.key] : []
    content {
      push_endpoint = var.push_endpoints[push_config.value]
      oidc_token {
        service_account_email = var.push_service_account_email
        audience              = lookup(var.push_audiences, push_config.value, var.push_endpoints[push_config.value])
      }
    }
  }
}

# The parked subscription keeps dead-lettered messages for inspection and replay. It is the end of
# the line, so it has no dead-letter policy of its own (the only subscription without one).
resource "google_pubsub_subscription" "parked" {
  for_each                   = local.subscriptions
  project                    = var.project_id
  name                       = each.value.parked_subscription
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  labels                     = var.labels
  ack_deadline_seconds       = 60
  message_retention_duration = var.parked_retention
  retain_acked_messages      = true
  expiration_policy {
    ttl = ""
  }
}
