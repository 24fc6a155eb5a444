project     = "acme-logs-staging"
region      = "europe-west1"
environment = "staging"

bigquery_location   = "EU"
image_tag           = "2026-11-28-1"
deletion_protection = false

issue_windows_partition_expiration_days = 30
dead_letters_partition_expiration_days  = 7

stream_max_workers = 2
streaming_mode     = "at_least_once"

analyst_members           = ["group:sre-staging@example.com"]
dead_letter_reader_groups = ["platform-oncall@example.com"]

stream_parameters = {
  windowSizeMinutes   = "1"
  bigQueryWriteMethod = "STORAGE_API_AT_LEAST_ONCE"
}
