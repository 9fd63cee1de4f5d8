variable "iam_dead_letter_publishers" {
  description = "Members that park messages themselves, per source subscription name (roles/pubsub.publisher on that subscription's dead-letter topic only)."
  type        = map(list(string))
  default     = {}
  nullable    = false
}

variable "iam_parked_subscribers" {
  description = "Members that read every parked subscription, to report and replay what is parked."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "iam_publishers" {
  description = "Members allowed to publish, per topic name (roles/pubsub.publisher on that topic only)."
  type        = map(list(string))
  default     = {}
  nullable    = false
}

variable "iam_subscribers" {
  description = "Members allowed to pull, per subscription name (roles/pubsub.subscriber and roles/pubsub.viewer on that subscription only)."
  type        = map(list(string))
  default     = {}
  nullable    = false
}

variable "labels" {
  description = "Labels on every topic and subscription."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "parked_retention" {
  description = "How long a parked (dead-lettered) message is kept for inspection and replay."
  type        = string
  default     = "604800s"
}

variable "project_id" {
  description = "Project that holds the topics."
  type        = string
}

variable "project_number" {
  description = "Project number, for the Pub/Sub service agent that moves messages to dead-letter topics."
  type        = string
}

variable "push_audiences" {
  description = "OIDC audience per push subscription name (the receiving service's URL); defaults to the endpoint."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "push_endpoints" {
  description = "HTTPS push endpoint per subscription name; subscriptions not listed are pull."
  type        = map(string)
  default     = {}
  nullable    = false
  validation {
    condition     = alltrue([for e in values(var.push_endpoints) : startswith(e, "https://")])
    error_message = "Push endpoints are HTTPS URLs."
  }
}

variable "push_service_account_email" {
  description = "Service account whose OIDC token every push request carries (the only identity allowed to invoke the receivers)."
  type        = string
  default     = null
}

variable "schema" {
  description = "The Avro schema every catalog topic validates against (from the catalog export)."
  type = object({
    name       = string
    definition = string
    encoding   = string
  })
  validation {
    condition     = contains(["JSON", "BINARY"], var.schema.encoding)
    error_message = "Encoding must be JSON or BINARY."
  }
}

variable "topics" {
  description = "The catalog's topics, as exported (storewire-catalog.json `topics`): each with its subscriptions, dead-letter topic and parked subscription."
  type = list(object({
    name               = string
    ordered_by_subject = bool
    subscriptions = list(object({
      name                    = string
      consumer                = string
      delivery                = string
      ack_deadline_seconds    = number
      max_delivery_attempts   = number
      message_ordering        = bool
      minimum_backoff_seconds = number
      maximum_backoff_seconds = number
      filter                  = string
      dead_letter_topic       = string
      parked_subscription     = string
    }))
  }))
  validation {
    condition = alltrue(flatten([
      for t in var.topics : [
        for s in t.subscriptions : s.max_delivery_attempts >= 5 && s.max_delivery_attempts <= 100
      ]
    ]))
    error_message = "Pub/Sub accepts max_delivery_attempts between 5 and 100."
  }
}
