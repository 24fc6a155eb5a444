output "project" {
  description = "Project that hosts the gardener."
  value       = var.project
}

output "topic" {
  description = "Pub/Sub topic the log sink publishes to (also where dead letters are replayed)."
  value       = google_pubsub_topic.log_entries.id
}

output "subscription" {
  description = "Subscription the streaming job reads."
  value       = google_pubsub_subscription.pipeline.id
}

output "issues_dataset" {
  description = "BigQuery dataset with issue_windows and the analyst views."
  value       = "${var.project}.${google_bigquery_dataset.issues.dataset_id}"
}

output "dead_letters_table" {
  description = "Restricted BigQuery table of dead letters."
  value       = "${var.project}.${google_bigquery_dataset.dead_letters.dataset_id}.${google_bigquery_table.dead_letters.table_id}"
}

output "dataflow_bucket" {
  description = "Bucket for templates, staging and temp files."
  value       = google_storage_bucket.dataflow.name
}

output "worklog_location" {
  description = "Where the daily worklogs land."
  value       = local.worklog_parameters.outputPrefix
}

output "image_repository" {
  description = "Artifact Registry path for the Flex Template images."
  value       = "${var.region}-docker.pkg.dev/${var.project}/${google_artifact_registry_repository.templates.repository_id}"
}

output "stream_service_account" {
  description = "Service account of the streaming workers."
  value       = google_service_account.stream.email
}

output "worklog_service_account" {
  description = "Service account of the worklog workers."
  value       = google_service_account.worklog.email
}

output "stream_job_id" {
  description = "Dataflow job id of the streaming job, when it runs."
  value       = one(google_dataflow_flex_template_job.stream[*].job_id)
}

output "stream_launch" {
  description = "Every launch option of the streaming job, as Terraform launches it; deploy/scripts/*-stream.sh launch, validate and scale from these values."
  value       = local.stream_launch
}

output "templates" {
  description = "Where deploy/scripts/build-templates.sh puts the image_tag build of each Flex Template: spec file and launcher image."
  value = {
    for template in ["log-stream", "worklog"] : template => {
      spec_file = "${local.template_root}/${template}/${var.image_tag}.json"
      image     = "${var.region}-docker.pkg.dev/${var.project}/${google_artifact_registry_repository.templates.repository_id}/${template}:${var.image_tag}"
    }
  }
}
