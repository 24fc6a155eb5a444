project     = "acme-logs-staging"
region      = "europe-west1"
environment = "staging"

bigquery_location   = "EU"
image_tag           = "2026-11-28-1"
deletion_protection = true

issue_windows_partition_expiration_days = 30
dead_letters_partition_expiration_days  = 7

# Same streaming mode and write method as production, so staging rehearses production's update
# compatibility checks and its cost; only the scale differs.
stream_machine_type = "n2-standard-2"
stream_max_workers  = 2
streaming_mode      = "exactly_once"

network    = "default"
subnetwork = "default"

analyst_members           = ["group:sre-staging@example.com"]
dead_letter_reader_groups = ["platform-oncall@example.com"]
notification_channels     = ["projects/acme-logs-staging/notificationChannels/1111111111111111111"]

stream_parameters = {
  windowSizeMinutes = "1"
}
