locals {
  # Every sink has this name at its level; the sink-error alert finds them by it.
  sink_name            = "${local.name}-entries"
  sink_destination     = "pubsub.googleapis.com/${google_pubsub_topic.log_entries.id}"
  aggregated_sink_kind = var.aggregated_sink_parent == null ? "" : split("/", var.aggregated_sink_parent)[0]
  aggregated_sink_id   = var.aggregated_sink_parent == null ? "" : split("/", var.aggregated_sink_parent)[1]
  # Every sink's writer identity may publish to the entries topic and nowhere else.
  sink_writers = merge(
    { for sink in google_logging_project_sink.entries : "project" => sink.writer_identity },
    { for sink in google_logging_folder_sink.entries : "folder" => sink.writer_identity },
    { for sink in google_logging_organization_sink.entries : "organization" => sink.writer_identity },
  )
}

resource "google_logging_project_sink" "entries" {
  count = var.project_sink_enabled ? 1 : 0

  name                   = local.sink_name
  destination            = local.sink_destination
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

# One sink on a folder or the organization exports the entries of every project below it
# (include_children) to the same topic, with the same filter and exclusions as the project sink.
resource "google_logging_folder_sink" "entries" {
  count = local.aggregated_sink_kind == "folders" ? 1 : 0

  name             = local.sink_name
  folder           = local.aggregated_sink_id
  destination      = local.sink_destination
  filter           = var.log_filter
  include_children = true

  dynamic "exclusions" {
    for_each = var.log_exclusions
    content {
      name        = exclusions.value.name
      description = exclusions.value.description
      filter      = exclusions.value.filter
    }
  }
}

resource "google_logging_organization_sink" "entries" {
  count = local.aggregated_sink_kind == "organizations" ? 1 : 0

  name             = local.sink_name
  org_id           = local.aggregated_sink_id
  destination      = local.sink_destination
  filter           = var.log_filter
  include_children = true

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
  for_each = local.sink_writers

  topic  = google_pubsub_topic.log_entries.id
  role   = "roles/pubsub.publisher"
  member = each.value
}

# Environments created before the aggregated sinks keep their project sink and its writer
# identity (a new sink would get a new identity and miss entries until it is granted).
moved {
  from = google_logging_project_sink.entries
  to   = google_logging_project_sink.entries[0]
}

moved {
  from = google_pubsub_topic_iam_member.sink_publishes_entries
  to   = google_pubsub_topic_iam_member.sink_publishes_entries["project"]
}
