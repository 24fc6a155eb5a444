locals {
  worklog_parameters = merge(
    {
      store        = "bigquery:${var.project}.${google_bigquery_dataset.issues.dataset_id}"
      outputPrefix = "gs://${google_storage_bucket.worklog.name}/worklogs"
    },
    local.tracker_parameters,
    var.worklog_parameters,
  )
  worklog_launch = {
    launchParameter = {
      jobName              = local.worklog_job_name
      containerSpecGcsPath = "${local.template_root}/worklog/${var.image_tag}.json"
      parameters           = local.worklog_parameters
      # The same network, subnetwork and IP configuration as the streaming job; a null network
      # (Shared VPC) is left out of the request rather than sent as null.
      environment = { for key, value in {
        serviceAccountEmail  = google_service_account.worklog.email
        tempLocation         = "gs://${google_storage_bucket.dataflow.name}/temp"
        stagingLocation      = "gs://${google_storage_bucket.dataflow.name}/staging"
        maxWorkers           = 1
        network              = local.worker_network.network
        subnetwork           = local.worker_network.subnetwork
        ipConfiguration      = local.worker_network.ip_configuration
        additionalUserLabels = local.labels
      } : key => value if value != null }
    }
  }
}

resource "google_cloud_scheduler_job" "worklog" {
  name             = "${local.name}-worklog"
  description      = "Launches the worklog Flex Template once a day."
  region           = var.region
  schedule         = var.worklog_schedule
  time_zone        = var.worklog_time_zone
  attempt_deadline = "320s"

  retry_config {
    retry_count          = 3
    min_backoff_duration = "60s"
  }

  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project}/locations/${var.region}/flexTemplates:launch"
    body        = base64encode(jsonencode(local.worklog_launch))
    headers = {
      "Content-Type" = "application/json"
    }

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [
    google_project_iam_member.scheduler_launches_dataflow,
    google_service_account_iam_member.scheduler_acts_as_worklog,
    google_storage_bucket_iam_member.scheduler_reads_templates,
  ]
}
