locals {
  template_root = "gs://${google_storage_bucket.dataflow.name}/templates"
  # Every launch option of the streaming job. Terraform launches from it, the scripts launch,
  # validate and scale from the same values (deploy/scripts/common.sh reads the stream_launch
  # output), so a script can never start a job that differs from what Terraform would start.
  stream_launch = {
    project                 = var.project
    region                  = var.region
    name                    = local.stream_job_name
    container_spec_gcs_path = "${local.template_root}/log-stream/${var.image_tag}.json"
    parameters = merge(
      {
        inputSubscription = google_pubsub_subscription.pipeline.id
        issueWindowsTable = "${var.project}:${google_bigquery_dataset.issues.dataset_id}.${google_bigquery_table.issue_windows.table_id}"
        deadLettersTable  = "${var.project}:${google_bigquery_dataset.dead_letters.dataset_id}.${google_bigquery_table.dead_letters.table_id}"
      },
      var.stream_parameters,
    )
    service_account_email   = google_service_account.stream.email
    temp_location           = "gs://${google_storage_bucket.dataflow.name}/temp"
    staging_location        = "gs://${google_storage_bucket.dataflow.name}/staging"
    enable_streaming_engine = true
    machine_type            = var.stream_machine_type
    max_workers             = var.stream_max_workers
    network                 = local.worker_network.network
    subnetwork              = local.worker_network.subnetwork
    ip_configuration        = local.worker_network.ip_configuration
    labels                  = local.labels
    # Dataflow streaming is exactly-once unless this service option is set.
    additional_pipeline_options = var.streaming_mode == "at_least_once" ? ["dataflowServiceOptions=streaming_mode_at_least_once"] : []
  }
}

# A change to any option here except max_workers updates the running job in place: the provider
# launches the template again with update=true (Dataflow's --update), which keeps open windows
# and deduplication state. Destroying the job drains it, so no acknowledged entry is lost.
resource "google_dataflow_flex_template_job" "stream" {
  provider = google-beta
  count    = var.stream_job_enabled ? 1 : 0

  project                     = local.stream_launch.project
  region                      = local.stream_launch.region
  name                        = local.stream_launch.name
  container_spec_gcs_path     = local.stream_launch.container_spec_gcs_path
  parameters                  = local.stream_launch.parameters
  service_account_email       = local.stream_launch.service_account_email
  temp_location               = local.stream_launch.temp_location
  staging_location            = local.stream_launch.staging_location
  enable_streaming_engine     = local.stream_launch.enable_streaming_engine
  machine_type                = local.stream_launch.machine_type
  max_workers                 = local.stream_launch.max_workers
  network                     = local.stream_launch.network
  subnetwork                  = local.stream_launch.subnetwork
  ip_configuration            = local.stream_launch.ip_configuration
  labels                      = local.stream_launch.labels
  additional_pipeline_options = local.stream_launch.additional_pipeline_options
  on_delete                   = "drain"
  transform_name_mapping      = var.stream_transform_name_mapping

  lifecycle {
    # The provider replaces the job (drain, then a fresh job without state) when max_workers or
    # num_workers change. Terraform sets them at launch only; deploy/scripts/scale-stream.sh
    # changes the running job's autoscaling range in place (gcloud dataflow jobs update-options).
    ignore_changes = [max_workers, num_workers]
  }

  depends_on = [
    google_project_iam_member.dataflow_worker,
    google_pubsub_subscription_iam_member.stream_consumes,
    google_pubsub_subscription_iam_member.stream_views_subscription,
    google_bigquery_dataset_iam_member.stream_writes_issues,
    google_storage_bucket_iam_member.dataflow_bucket_users,
    google_artifact_registry_repository_iam_member.launchers_pull,
  ]
}
