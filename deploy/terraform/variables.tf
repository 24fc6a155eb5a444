variable "project" {
  description = "Google Cloud project id that hosts the gardener, e.g. acme-logs-staging."
  type        = string
}

variable "region" {
  description = "Region for Dataflow, Pub/Sub storage, buckets and Cloud Scheduler, e.g. europe-west1."
  type        = string
}

variable "environment" {
  description = "Environment name used in resource names and labels: staging or production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.environment))
    error_message = "environment must be 2-15 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "bigquery_location" {
  description = "BigQuery location for both datasets: a multi-region (EU, US) or the region itself."
  type        = string
  default     = "EU"
}

variable "log_filter" {
  description = "Cloud Logging filter of the entries the sink exports: by default warnings and worse, plus request logs answered with a 5xx."
  type        = string
  default     = "severity>=WARNING OR (httpRequest.status>=500)"
}

variable "log_exclusions" {
  description = "Noisy logs the sink drops before export: name (letters, digits, hyphens), one-line description, Cloud Logging filter."
  type = list(object({
    name        = string
    description = string
    filter      = string
  }))
  default = [
    {
      name        = "load-balancer-health-checks"
      description = "Health-check probes of load balancers and uptime checks."
      filter      = "httpRequest.userAgent=~\"^(GoogleHC|GoogleStackdriverMonitoring-UptimeChecks)\""
    },
    {
      name        = "dataflow-own-logs"
      description = "The gardener's own Dataflow workers, so it never feeds on its own warnings."
      filter      = "resource.type=\"dataflow_step\""
    },
    {
      name        = "audit-data-access"
      description = "Data-access audit logs: high volume, reviewed elsewhere."
      filter      = "logName:\"cloudaudit.googleapis.com%2Fdata_access\""
    },
  ]
}

variable "subscription_ack_deadline_seconds" {
  description = "Ack deadline of the pipeline subscription in seconds; Dataflow extends it while a bundle is in flight, so 60 is enough."
  type        = number
  default     = 60
}

variable "subscription_retention_days" {
  description = "How long the subscription keeps unacknowledged messages, in days (1-7): the longest outage the pipeline can catch up from."
  type        = number
  default     = 7

  validation {
    condition     = var.subscription_retention_days >= 1 && var.subscription_retention_days <= 7
    error_message = "subscription_retention_days must be between 1 and 7."
  }
}

variable "issue_windows_partition_expiration_days" {
  description = "Days each day-partition of issue_windows is kept; 0 keeps partitions forever."
  type        = number
  default     = 400
}

variable "dead_letters_partition_expiration_days" {
  description = "Days each day-partition of dead_letters is kept; 0 keeps them forever. They hold raw payloads, so keep this short."
  type        = number
  default     = 30
}

variable "analyst_members" {
  description = "IAM members (user:, group:, serviceAccount:) who read the issue tables and views, e.g. group:sre@example.com."
  type        = list(string)
  default     = []
}

variable "dead_letter_reader_groups" {
  description = "Google group e-mail addresses allowed to read dead letters (raw payloads), e.g. platform-oncall@example.com."
  type        = list(string)
  default     = []
}

variable "deletion_protection" {
  description = "Refuse to destroy the BigQuery tables and the buckets' contents through Terraform; keep true in every environment and set false only for a deliberate teardown."
  type        = bool
  default     = true
}

variable "image_tag" {
  description = "Tag of the Flex Template images and template files to run, e.g. 2026-11-28-1; set only in env/ENVIRONMENT.tfvars, which deploy/scripts/build-templates.sh reads to name what it builds."
  type        = string
}

variable "stream_job_enabled" {
  description = "Whether Terraform runs the streaming job; false on the first apply, before the templates are built."
  type        = bool
  default     = true
}

variable "stream_parameters" {
  description = "Extra streaming-job parameters (names from deploy/flex-templates/log-stream/metadata.json), e.g. { windowSizeMinutes = \"1\" }."
  type        = map(string)
  default     = {}
}

variable "stream_transform_name_mapping" {
  description = "Old step name to new step name, for an update that renames steps, e.g. { \"ParseEntries\" = \"ParseLogEntries\" }; empty otherwise."
  type        = map(string)
  default     = {}
}

variable "streaming_mode" {
  description = "Dataflow streaming mode: exactly_once (default) or at_least_once (cheaper, may count a redelivered entry twice)."
  type        = string
  default     = "exactly_once"

  validation {
    condition     = contains(["exactly_once", "at_least_once"], var.streaming_mode)
    error_message = "streaming_mode must be exactly_once or at_least_once."
  }
}

variable "stream_machine_type" {
  description = "Worker machine type of the streaming job, e.g. n2-standard-2."
  type        = string
  default     = "n2-standard-2"
}

variable "stream_max_workers" {
  description = "Autoscaling ceiling of the streaming job, in workers (1-1000). Terraform sets it at launch only; deploy/scripts/scale-stream.sh applies a change to the running job without replacing it."
  type        = number
  default     = 5

  validation {
    condition     = var.stream_max_workers >= 1 && var.stream_max_workers <= 1000
    error_message = "stream_max_workers must be between 1 and 1000."
  }
}

variable "worklog_schedule" {
  description = "Cron schedule (in worklog_time_zone) of the daily worklog, e.g. \"0 6 * * *\"."
  type        = string
  default     = "0 6 * * *"
}

variable "worklog_time_zone" {
  description = "IANA time zone of worklog_schedule, e.g. Europe/Berlin."
  type        = string
  default     = "Etc/UTC"
}

variable "worklog_parameters" {
  description = "Extra worklog parameters (names from deploy/flex-templates/worklog/metadata.json), e.g. { hours = \"24\" }."
  type        = map(string)
  default     = {}
}

variable "worklog_retention_days" {
  description = "Days the worklog bucket keeps each worklog before deleting it; 0 keeps them forever."
  type        = number
  default     = 365
}

variable "network" {
  description = "VPC network of both jobs' workers and launcher VMs, by name, e.g. default; not passed for a Shared VPC (network_project set), whose subnetwork names its network itself."
  type        = string
  default     = "default"
}

variable "subnetwork" {
  description = "Subnetwork of both jobs' workers in var.region, by name, e.g. dataflow-europe-west1; it needs Private Google Access while worker_public_ips is false."
  type        = string
  default     = "default"
}

variable "network_project" {
  description = "Host project of the subnetwork for a Shared VPC, e.g. acme-network-host; null when the subnetwork is in var.project."
  type        = string
  default     = null
}

variable "worker_public_ips" {
  description = "Whether worker and launcher VMs get external IP addresses; false (the default) satisfies organization policies that forbid external IPs."
  type        = bool
  default     = false
}

variable "project_sink_enabled" {
  description = "Whether a sink on var.project exports its own entries; set false when an aggregated sink (aggregated_sink_parent) already covers this project, so no entry is published twice."
  type        = bool
  default     = true
}

variable "aggregated_sink_parent" {
  description = "Folder or organization whose projects all feed the gardener through one aggregated sink with include_children, e.g. folders/123456789012 or organizations/123456789012; null for none."
  type        = string
  default     = null

  validation {
    condition     = var.aggregated_sink_parent == null || can(regex("^(folders|organizations)/[0-9]+$", var.aggregated_sink_parent))
    error_message = "aggregated_sink_parent must be folders/NUMBER or organizations/NUMBER."
  }
}

variable "notification_channels" {
  description = "Cloud Monitoring notification channels every alert notifies, by resource name, e.g. [\"projects/acme-logs-prod/notificationChannels/1234567890\"]; empty alerts only in the console."
  type        = list(string)
  default     = []
}

variable "alert_backlog_age_seconds" {
  description = "Age of the oldest unacknowledged message on the pipeline subscription, in seconds, above which the backlog alert fires (default 900: normal is under a minute; issue windows lag by as long as the backlog, and unread messages expire after subscription_retention_days)."
  type        = number
  default     = 900
}

variable "alert_data_freshness_seconds" {
  description = "Data watermark age and system lag of the streaming job, in seconds, above which the freshness alert fires; also the freshness SLO's bound (default 600: one-minute windows normally close within two minutes)."
  type        = number
  default     = 600
}

variable "alert_dead_letter_ratio" {
  description = "Share of the messages read that became dead letters over 15 minutes, above which the dead-letter alert fires, e.g. 0.01 for 1 %."
  type        = number
  default     = 0.01

  validation {
    condition     = var.alert_dead_letter_ratio > 0 && var.alert_dead_letter_ratio < 1
    error_message = "alert_dead_letter_ratio must be between 0 and 1, exclusive."
  }
}

variable "freshness_slo_goal" {
  description = "Share of 5-minute windows over 28 days in which the data watermark age stays within alert_data_freshness_seconds, e.g. 0.99."
  type        = number
  default     = 0.99

  validation {
    condition     = var.freshness_slo_goal > 0 && var.freshness_slo_goal < 1
    error_message = "freshness_slo_goal must be between 0 and 1, exclusive."
  }
}
