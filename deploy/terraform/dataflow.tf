locals {
  template_root = "gs://${google_storage_bucket.dataflow.name}/templates"
  stream_parameters = merge(
    {
      inputSubscription = google_pubsub_subscription.pipeline.id
      issueWindowsTable = "${var.project}:${google_bigquery_dataset.issues.dataset_id}.${google_bigquery_table.issue_windows.table_id}"
      deadLettersTable  = "${var.project}:${google_bigquery_dataset.dead_letters.dataset_id}.${google_bigquery_table.dead_letters.table_id}"
    },
    var.stream_parameters,
  )
}

# Changing parameters or image_tag updates the running job in place (Dataflow --update keeps
# windows and dedup state); destroying it drains, so no acknowledged entry is lost.
resource "google_dataflow_flex_template_job" "stream" {
  provider = google-beta
  count    = var.stream_job_enabled ? 1 : 0

  name                    = "${local.name}-stream"
  region                  = var.region
  container_spec_gcs_path = "${local.template_root}/log-stream/${var.image_tag}.json"
  parameters              = local.stream_parameters
  service_account_email   = google_service_account.stream.email
  temp_location           = "gs://${google_storage_bucket.dataflow.name}/temp"
  staging_location        = "gs://${google_storage_bucket.dataflow.name}/staging"
  enable_streaming_engine = true
  machine_type            = var.stream_machine_type
  max_workers             = var.stream_max_workers
  labels                  = local.labels
  on_delete               = "drain"
  transform_name_mapping  = var.stream_transform_name_mapping

  # Dataflow streaming is exactly-once unless this service option is set.
  additional_pipeline_options = var.streaming_mode == "at_least_once" ? ["dataflowServiceOptions=streaming_mode_at_least_once"] : []

  depends_on = [
    google_project_iam_member.dataflow_worker,
    google_pubsub_subscription_iam_member.stream_consumes,
    google_pubsub_subscription_iam_member.stream_views_subscription,
    google_bigquery_dataset_iam_member.stream_writes_issues,
    google_storage_bucket_iam_member.dataflow_bucket_users,
    google_artifact_registry_repository_iam_member.launchers_pull,
  ]
}
