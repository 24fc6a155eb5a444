locals {
  name       = "log-gardener-${var.environment}"
  dataset_id = "log_gardener_${replace(var.environment, "-", "_")}"
  # Job names stay the same across updates and daily runs; alerts and scripts find the jobs by them.
  stream_job_name  = "${local.name}-stream"
  worklog_job_name = "${local.name}-worklog"
  labels = {
    app         = "log-gardener"
    environment = var.environment
  }
  apis = [
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "bigquerystorage.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com",
    "dataflow.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "storage.googleapis.com",
  ]
}

data "google_project" "this" {
  project_id = var.project
}

resource "google_project_service" "apis" {
  for_each = toset(local.apis)

  project            = var.project
  service            = each.value
  disable_on_destroy = false
}
