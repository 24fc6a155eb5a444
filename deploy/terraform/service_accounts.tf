resource "google_service_account" "stream" {
  account_id   = "lg-${var.environment}-stream"
  display_name = "Log Gardener streaming workers (${var.environment})"
  description  = "Runs the log-stream Dataflow job: reads the pipeline subscription, writes issue windows and dead letters."

  depends_on = [google_project_service.apis]
}

resource "google_service_account" "worklog" {
  account_id   = "lg-${var.environment}-worklog"
  display_name = "Log Gardener worklog workers (${var.environment})"
  description  = "Runs the daily worklog Dataflow job: reads issue windows, writes worklogs to the worklog bucket."

  depends_on = [google_project_service.apis]
}

resource "google_service_account" "scheduler" {
  account_id   = "lg-${var.environment}-scheduler"
  display_name = "Log Gardener worklog scheduler (${var.environment})"
  description  = "Identity Cloud Scheduler uses to launch the worklog Flex Template."

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "dataflow_worker" {
  for_each = {
    stream  = google_service_account.stream.email
    worklog = google_service_account.worklog.email
  }

  project = var.project
  role    = "roles/dataflow.worker"
  member  = "serviceAccount:${each.value}"
}

resource "google_pubsub_subscription_iam_member" "stream_consumes" {
  subscription = google_pubsub_subscription.pipeline.id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${google_service_account.stream.email}"
}

# Dataflow reads the subscription's configuration (ack deadline, topic) when the job starts;
# subscriber alone does not include pubsub.subscriptions.get.
resource "google_pubsub_subscription_iam_member" "stream_views_subscription" {
  subscription = google_pubsub_subscription.pipeline.id
  role         = "roles/pubsub.viewer"
  member       = "serviceAccount:${google_service_account.stream.email}"
}

# The worklog queries issue_windows through the BigQuery jobs API, and running a query job is a
# project-level permission; reading the table itself is granted on the dataset only.
resource "google_project_iam_member" "worklog_queries" {
  project = var.project
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.worklog.email}"
}

resource "google_project_iam_member" "scheduler_launches_dataflow" {
  project = var.project
  role    = "roles/dataflow.developer"
  member  = "serviceAccount:${google_service_account.scheduler.email}"
}

# Launching a job that runs as the worklog account requires acting as it, on that account only.
resource "google_service_account_iam_member" "scheduler_acts_as_worklog" {
  service_account_id = google_service_account.worklog.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.scheduler.email}"
}
