resource "google_logging_project_sink" "entries" {
  name                   = "${local.name}-entries"
  destination            = "pubsub.googleapis.com/${google_pubsub_topic.log_entries.id}"
  filter                 = var.log_filter
  unique_writer_identity = true

  dynamic "exclusions" {
    for_each = var.log_exclusions
    content {
      name        = exclusions.value.name
      description = exclusions.value.description
      filter      = exclusions.value.filter
    }
  }
}

resource "google_pubsub_topic_iam_member" "sink_publishes_entries" {
  topic  = google_pubsub_topic.log_entries.id
  role   = "roles/pubsub.publisher"
  member = google_logging_project_sink.entries.writer_identity
}
