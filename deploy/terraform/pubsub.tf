resource "google_pubsub_topic" "log_entries" {
  name                       = "${local.name}-entries"
  labels                     = local.labels
  message_retention_duration = "86400s"

  depends_on = [google_project_service.apis]
}

# Messages Pub/Sub itself gives up on (max delivery attempts reached). Parse and write failures
# never come here: the pipeline acks them and writes them to the dead_letters table.
resource "google_pubsub_topic" "undeliverable" {
  name   = "${local.name}-undeliverable"
  labels = local.labels

  depends_on = [google_project_service.apis]
}

# A topic without a subscription drops what it receives; this one keeps undeliverable
# messages until someone replays them (see deploy/README.md).
resource "google_pubsub_subscription" "undeliverable" {
  name                       = "${local.name}-undeliverable-hold"
  topic                      = google_pubsub_topic.undeliverable.id
  labels                     = local.labels
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"
  retain_acked_messages      = false

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "pipeline" {
  name                       = "${local.name}-pipeline"
  topic                      = google_pubsub_topic.log_entries.id
  labels                     = local.labels
  ack_deadline_seconds       = var.subscription_ack_deadline_seconds
  message_retention_duration = "${var.subscription_retention_days * 86400}s"

  expiration_policy {
    ttl = ""
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.undeliverable.id
    max_delivery_attempts = var.subscription_max_delivery_attempts
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }
}

# The Pub/Sub service agent forwards undeliverable messages: it must publish to the dead-letter
# topic and acknowledge on the source subscription, or dead-lettering silently does nothing.
resource "google_project_service_identity" "pubsub" {
  provider = google-beta

  project = var.project
  service = "pubsub.googleapis.com"
}

resource "google_pubsub_topic_iam_member" "pubsub_agent_publishes_undeliverable" {
  topic  = google_pubsub_topic.undeliverable.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_project_service_identity.pubsub.email}"
}

resource "google_pubsub_subscription_iam_member" "pubsub_agent_acks_pipeline" {
  subscription = google_pubsub_subscription.pipeline.id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${google_project_service_identity.pubsub.email}"
}
