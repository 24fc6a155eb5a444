resource "google_pubsub_topic" "log_entries" {
  name                       = "${local.name}-entries"
  labels                     = local.labels
  message_retention_duration = "86400s"

  depends_on = [google_project_service.apis]
}

# No dead-letter or retry policy: Dataflow's Pub/Sub source acknowledges a message once it is
# durably in the pipeline and does not support either policy. Messages the pipeline cannot count
# go to its own dead_letters table with a reason; a message Pub/Sub cannot deliver waits here
# for up to subscription_retention_days, and the backlog alert (monitoring.tf) fires long before.
resource "google_pubsub_subscription" "pipeline" {
  name                       = "${local.name}-pipeline"
  topic                      = google_pubsub_topic.log_entries.id
  labels                     = local.labels
  ack_deadline_seconds       = var.subscription_ack_deadline_seconds
  message_retention_duration = "${var.subscription_retention_days * 86400}s"

  expiration_policy {
    ttl = ""
  }
}
