# The Pub/Sub service agent forwards undeliverable messages: it must publish to each dead-letter
# topic and subscribe to (acknowledge on) each source subscription. Granted per resource.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.subscriptions
  project  = var.project_id
  topic    = google_pubsub_topic.dead_letter[each.key].name
  role     = "roles/pubsub.publisher"
  member   = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = local.subscriptions
  project      = var.project_id
  subscription = google_pubsub_subscription.subscription[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = {
    for pair in flatten([
      for topic, members in var.iam_publishers : [for m in members : { topic = topic, member = m }]
    ]) : format("%s/%s", pair.topic, pair.member) => pair
  }
  project = var.project_id
  topic   = google_pubsub_topic.topic[each.value.topic].name
  role    = "roles/pubsub.publisher"
  member  = each.value.member
}

resource "google_pubsub_subscription_iam_member" "subscriber" {
  for_each = {
    for pair in flatten([
      for sub, members in var.iam_subscribers : [for m in members : { sub = sub, member = m }]
    ]) : format("%s/%s", pair.sub, pair.member) => pair
  }
  project      = var.project_id
  subscription = google_pubsub_subscription.subscription[each.value.sub].name
  role         = "roles/pubsub.subscriber"
  member       = each.value.member
}

resource "google_pubsub_topic_iam_member" "dead_letter_parker" {
  for_each = {
    for pair in flatten([
      for sub, members in var.iam_dead_letter_publishers : [for m in members : { sub = sub, member = m }]
    ]) : format("%s/%s", pair.sub, pair.member) => pair
  }
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter[each.value.sub].name
  role    = "roles/pubsub.publisher"
  member  = each.value.member
}

# Streaming pull clients (Dataflow) also read the subscription's metadata.
resource "google_pubsub_subscription_iam_member" "subscriber_viewer" {
  for_each = {
    for pair in flatten([
      for sub, members in var.iam_subscribers : [for m in members : { sub = sub, member = m }]
    ]) : format("%s/%s", pair.sub, pair.member) => pair
  }
  project      = var.project_id
  subscription = google_pubsub_subscription.subscription[each.value.sub].name
  role         = "roles/pubsub.viewer"
  member       = each.value.member
}

resource "google_pubsub_subscription_iam_member" "parked_subscriber" {
  for_each = {
    for pair in setproduct(keys(local.subscriptions), var.iam_parked_subscribers) :
    format("%s/%s", pair[0], pair[1]) => { sub = pair[0], member = pair[1] }
  }
  project      = var.project_id
  subscription = google_pubsub_subscription.parked[each.value.sub].name
  role         = "roles/pubsub.subscriber"
  member       = each.value.member
}
