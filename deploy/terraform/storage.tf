resource "google_storage_bucket" "dataflow" {
  name                        = "${var.project}-lg-${var.environment}-dataflow"
  location                    = var.region
  labels                      = local.labels
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection

  lifecycle_rule {
    condition {
      age            = 7
      matches_prefix = ["temp/", "staging/"]
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket" "worklog" {
  name                        = "${var.project}-lg-${var.environment}-worklog"
  location                    = var.region
  labels                      = local.labels
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection

  dynamic "lifecycle_rule" {
    for_each = var.worklog_retention_days == 0 ? [] : [var.worklog_retention_days]
    content {
      condition {
        age = lifecycle_rule.value
      }
      action {
        type = "Delete"
      }
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_iam_member" "dataflow_bucket_users" {
  for_each = {
    stream  = google_service_account.stream.email
    worklog = google_service_account.worklog.email
  }

  bucket = google_storage_bucket.dataflow.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${each.value}"
}

# The launch request names a template spec file in the bucket; the caller must be able to read it.
resource "google_storage_bucket_iam_member" "scheduler_reads_templates" {
  bucket = google_storage_bucket.dataflow.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.scheduler.email}"
}

resource "google_storage_bucket_iam_member" "worklog_writes_worklogs" {
  bucket = google_storage_bucket.worklog.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.worklog.email}"
}

resource "google_storage_bucket_iam_member" "analysts_read_worklogs" {
  for_each = toset(var.analyst_members)

  bucket = google_storage_bucket.worklog.name
  role   = "roles/storage.objectViewer"
  member = each.value
}

resource "google_artifact_registry_repository" "templates" {
  repository_id = "log-gardener-${var.environment}"
  location      = var.region
  format        = "DOCKER"
  description   = "Flex Template launcher images of Log Gardener (${var.environment})."
  labels        = local.labels

  depends_on = [google_project_service.apis]
}

# The Flex Template launcher VM runs as the job's service account and pulls the image.
resource "google_artifact_registry_repository_iam_member" "launchers_pull" {
  for_each = {
    stream  = google_service_account.stream.email
    worklog = google_service_account.worklog.email
  }

  location   = google_artifact_registry_repository.templates.location
  repository = google_artifact_registry_repository.templates.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${each.value}"
}
