# The worklog job's tracker step: files the period's P0-P1 problems as GitHub issues. Off until
# tracker_repository is set; with it set, the job only logs its plan until tracker_apply is true.
# The token's value never passes through Terraform (it would land in the state): add it as a
# secret version by hand, see deploy/README.md, "Filing problems in GitHub".

variable "tracker_repository" {
  description = "GitHub repository OWNER/NAME the worklog job files P0-P1 problems in, e.g. acme/platform; empty turns the tracker step off."
  type        = string
  default     = ""

  validation {
    condition     = var.tracker_repository == "" || can(regex("^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$", var.tracker_repository))
    error_message = "tracker_repository must be OWNER/NAME, or empty."
  }
}

variable "tracker_api_url" {
  description = "GitHub API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server."
  type        = string
  default     = "https://api.github.com"
}

variable "tracker_apply" {
  description = "Whether the tracker step writes to GitHub (true) or only logs its plan (false)."
  type        = bool
  default     = false
}

variable "tracker_max_creations" {
  description = "New GitHub issues the tracker step opens per run at most."
  type        = number
  default     = 10
}

variable "tracker_reopen" {
  description = "Whether a closed issue whose problem returns is reopened (true) or followed by a new issue (false)."
  type        = bool
  default     = true
}

locals {
  tracker_enabled = var.tracker_repository != ""
  tracker_parameters = local.tracker_enabled ? {
    trackerRepository   = var.tracker_repository
    trackerTokenSecret  = "${google_secret_manager_secret.github_token[0].id}/versions/latest"
    trackerApiUrl       = var.tracker_api_url
    trackerApply        = tostring(var.tracker_apply)
    trackerMaxCreations = tostring(var.tracker_max_creations)
    trackerReopen       = tostring(var.tracker_reopen)
  } : {}
}

resource "google_project_service" "secretmanager" {
  count = local.tracker_enabled ? 1 : 0

  project            = var.project
  service            = "secretmanager.googleapis.com"
  disable_on_destroy = false
}

resource "google_secret_manager_secret" "github_token" {
  count = local.tracker_enabled ? 1 : 0

  secret_id = "${local.name}-github-token"
  labels    = local.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.secretmanager]
}

resource "google_secret_manager_secret_iam_member" "worklog_reads_github_token" {
  count = local.tracker_enabled ? 1 : 0

  secret_id = google_secret_manager_secret.github_token[0].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.worklog.email}"
}

resource "google_bigquery_table" "tracker_links" {
  dataset_id          = google_bigquery_dataset.issues.dataset_id
  table_id            = "tracker_links"
  description         = "Which GitHub issue follows each fingerprint. Append-only: the latest row per fingerprint and repository is current."
  labels              = local.labels
  deletion_protection = var.deletion_protection
  schema              = file("${path.module}/../bigquery/tracker_links.json")
  clustering          = ["fingerprint"]
}

# The worklog job appends its links; it only reads the rest of the dataset.
resource "google_bigquery_table_iam_member" "worklog_writes_tracker_links" {
  dataset_id = google_bigquery_dataset.issues.dataset_id
  table_id   = google_bigquery_table.tracker_links.table_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.worklog.email}"
}
