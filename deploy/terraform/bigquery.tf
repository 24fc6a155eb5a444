locals {
  day_ms = 86400000
  views = {
    daily_issues_per_service = "Issues per service and UTC day."
    new_issues_this_week     = "Fingerprints first seen in the last 7 days."
    top_issues_by_volume     = "Fingerprints ranked by entries over the last 7 days."
    fingerprint_catalog      = "One row per fingerprint: template, rule-set version, first and last seen."
    revision_shares          = "Per day, the revisions each fingerprint occurs in, their share and the suspect."
  }
}

resource "google_bigquery_dataset" "issues" {
  dataset_id    = local.dataset_id
  friendly_name = "Log Gardener issues (${var.environment})"
  description   = "Windowed issue aggregates written by the log-stream job, and the analyst views over them."
  location      = var.bigquery_location
  labels        = local.labels

  depends_on = [google_project_service.apis]
}

resource "google_bigquery_table" "issue_windows" {
  dataset_id          = google_bigquery_dataset.issues.dataset_id
  table_id            = "issue_windows"
  description         = "One row per fingerprint, window and pane. Panes discard: sum entry_count for totals."
  labels              = local.labels
  deletion_protection = var.deletion_protection
  schema              = file("${path.module}/../bigquery/issue_windows.json")
  clustering          = ["service", "fingerprint"]

  time_partitioning {
    type          = "DAY"
    field         = "window_start"
    expiration_ms = var.issue_windows_partition_expiration_days == 0 ? null : var.issue_windows_partition_expiration_days * local.day_ms
  }
}

resource "google_bigquery_table" "views" {
  for_each = local.views

  dataset_id          = google_bigquery_dataset.issues.dataset_id
  table_id            = each.key
  description         = each.value
  labels              = local.labels
  deletion_protection = false

  view {
    query = templatefile("${path.module}/../bigquery/views/${each.key}.sql", {
      project = var.project
      dataset = google_bigquery_dataset.issues.dataset_id
    })
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.issue_windows]
}

resource "google_bigquery_dataset_iam_member" "analysts_read_issues" {
  for_each = toset(var.analyst_members)

  dataset_id = google_bigquery_dataset.issues.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = each.value
}

# Querying needs the right to run jobs in some project; analysts run them in this one.
resource "google_project_iam_member" "analysts_run_queries" {
  for_each = toset(var.analyst_members)

  project = var.project
  role    = "roles/bigquery.jobUser"
  member  = each.value
}

resource "google_bigquery_dataset_iam_member" "stream_writes_issues" {
  dataset_id = google_bigquery_dataset.issues.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.stream.email}"
}

resource "google_bigquery_dataset_iam_member" "worklog_reads_issues" {
  dataset_id = google_bigquery_dataset.issues.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:${google_service_account.worklog.email}"
}

# Dead letters hold raw payloads, which may carry secrets the pipeline could not redact. The
# access list is authoritative: it replaces BigQuery's default grants to project viewers and
# editors, so only the owners, the streaming job and the named groups can read them.
resource "google_bigquery_dataset" "dead_letters" {
  dataset_id    = "${local.dataset_id}_restricted"
  friendly_name = "Log Gardener dead letters (${var.environment})"
  description   = "Messages the pipeline could not aggregate, with their raw payloads. Restricted."
  location      = var.bigquery_location
  labels        = local.labels

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  # WRITER is roles/bigquery.dataEditor; the API stores the basic name, so use it to avoid a
  # permanent diff.
  access {
    role          = "WRITER"
    user_by_email = google_service_account.stream.email
  }

  dynamic "access" {
    for_each = toset(var.dead_letter_reader_groups)
    content {
      role           = "READER"
      group_by_email = access.value
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_bigquery_table" "dead_letters" {
  dataset_id          = google_bigquery_dataset.dead_letters.dataset_id
  table_id            = "dead_letters"
  description         = "Messages the pipeline could not aggregate, byte for byte, with stage and reason."
  labels              = local.labels
  deletion_protection = var.deletion_protection
  schema              = file("${path.module}/../bigquery/dead_letters.json")
  clustering          = ["stage", "reason"]

  time_partitioning {
    type          = "DAY"
    field         = "processing_time"
    expiration_ms = var.dead_letters_partition_expiration_days == 0 ? null : var.dead_letters_partition_expiration_days * local.day_ms
  }
}
