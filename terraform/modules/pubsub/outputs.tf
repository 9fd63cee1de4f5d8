output "dead_letter_topics" {
  description = "Dead-letter topic ids by source subscription name."
  value       = { for k, t in google_pubsub_topic.dead_letter : k => t.id }
  depends_on  = [google_pubsub_topic_iam_member.dead_letter_publisher]
}

output "parked_subscriptions" {
  description = "Parked subscription ids by source subscription name."
  value       = { for k, s in google_pubsub_subscription.parked : k => s.id }
}

output "subscriptions" {
  description = "Subscription ids by name."
  value       = { for k, s in google_pubsub_subscription.subscription : k => s.id }
  depends_on  = [google_pubsub_subscription_iam_member.dead_letter_subscriber, google_pubsub_subscription_iam_member.subscriber]
}

output "topics" {
  description = "Topic ids by name."
  value       = { for k, t in google_pubsub_topic.topic : k => t.id }
  depends_on  = [google_pubsub_topic_iam_member.publisher]
}
