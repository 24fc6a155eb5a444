project     = "acme-logs-prod"
region      = "europe-west1"
environment = "production"

bigquery_location   = "EU"
image_tag           = "2026-11-28-1"
deletion_protection = true

issue_windows_partition_expiration_days = 400
dead_letters_partition_expiration_days  = 30

stream_machine_type = "n2-standard-2"
stream_max_workers  = 10
streaming_mode      = "exactly_once"

# Workers on the shared VPC's Dataflow subnetwork, without external IPs (the default).
network_project = "acme-network-host"
subnetwork      = "dataflow-europe-west1"

analyst_members = [
  "group:sre@example.com",
  "group:backend-leads@example.com",
]
dead_letter_reader_groups = ["platform-oncall@example.com"]
notification_channels     = ["projects/acme-logs-prod/notificationChannels/2222222222222222222"]

worklog_schedule  = "0 6 * * *"
worklog_time_zone = "Europe/Berlin"
