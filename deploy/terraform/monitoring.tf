locals {
  runbook_alerts = "See deploy/README.md, \"When an alert fires\""

  backlog_age_filter = join(" AND ", [
    "resource.type = \"pubsub_subscription\"",
    "resource.label.subscription_id = \"${google_pubsub_subscription.pipeline.name}\"",
    "metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\"",
  ])
  undelivered_filter = join(" AND ", [
    "resource.type = \"pubsub_subscription\"",
    "resource.label.subscription_id = \"${google_pubsub_subscription.pipeline.name}\"",
    "metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\"",
  ])
  watermark_age_filter = join(" AND ", [
    "resource.type = \"dataflow_job\"",
    "resource.label.job_name = \"${local.stream_job_name}\"",
    "metric.type = \"dataflow.googleapis.com/job/data_watermark_age\"",
  ])
  system_lag_filter = join(" AND ", [
    "resource.type = \"dataflow_job\"",
    "resource.label.job_name = \"${local.stream_job_name}\"",
    "metric.type = \"dataflow.googleapis.com/job/system_lag\"",
  ])
  stream_failed_filter = join(" AND ", [
    "resource.type = \"dataflow_job\"",
    "resource.label.job_name = \"${local.stream_job_name}\"",
    "metric.type = \"dataflow.googleapis.com/job/is_failed\"",
  ])
  worklog_failed_filter = join(" AND ", [
    "resource.type = \"dataflow_job\"",
    "resource.label.job_name = \"${local.worklog_job_name}\"",
    "metric.type = \"dataflow.googleapis.com/job/is_failed\"",
  ])
  vcpus_filter = join(" AND ", [
    "resource.type = \"dataflow_job\"",
    "resource.label.job_name = \"${local.stream_job_name}\"",
    "metric.type = \"dataflow.googleapis.com/job/current_num_vcpus\"",
  ])
  sink_errors_filter = join(" AND ", [
    "resource.type = \"logging_sink\"",
    "resource.label.name = \"${local.sink_name}\"",
    "metric.type = \"logging.googleapis.com/exports/error_count\"",
  ])
  sink_exported_filter = join(" AND ", [
    "resource.type = \"logging_sink\"",
    "resource.label.name = \"${local.sink_name}\"",
    "metric.type = \"logging.googleapis.com/exports/log_entry_count\"",
  ])
  # The pipeline's own counters (Beam Metrics.counter) reach Cloud Monitoring as
  # dataflow.googleapis.com/job/user_counter, one series per counter name and step. They restart at
  # zero when an update replaces the job; increase() treats that as a reset, not a drop.
  pipeline_counter = "{\"__name__\"=\"dataflow.googleapis.com/job/user_counter\", \"monitored_resource\"=\"dataflow_job\", \"job_name\"=\"${local.stream_job_name}\""
  dead_letter_ratio_query = join("\n", [
    "sum(increase(${local.pipeline_counter}, \"metric_name\"=\"written\"}[15m]))",
    "/",
    "sum(increase(${local.pipeline_counter}, \"metric_name\"=\"read\"}[15m]))",
  ])
}

resource "google_monitoring_alert_policy" "backlog_age" {
  display_name          = "${local.name}: subscription backlog is old"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "Oldest unacked message older than ${var.alert_backlog_age_seconds} s for 5 min"
    condition_threshold {
      filter          = local.backlog_age_filter
      comparison      = "COMPARISON_GT"
      threshold_value = var.alert_backlog_age_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "The streaming job is not keeping up with, or not reading, ${google_pubsub_subscription.pipeline.name}. Issue windows lag by as long as the backlog; unread messages expire after ${var.subscription_retention_days} days. ${local.runbook_alerts}, \"Backlog is old\"."
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "data_freshness" {
  display_name          = "${local.name}: issue windows are stale"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "Data watermark older than ${var.alert_data_freshness_seconds} s for 5 min"
    condition_threshold {
      filter          = local.watermark_age_filter
      comparison      = "COMPARISON_GT"
      threshold_value = var.alert_data_freshness_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  conditions {
    display_name = "System lag above ${var.alert_data_freshness_seconds} s for 5 min"
    condition_threshold {
      filter          = local.system_lag_filter
      comparison      = "COMPARISON_GT"
      threshold_value = var.alert_data_freshness_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${local.stream_job_name} holds entries longer than usual before they reach issue_windows. ${local.runbook_alerts}, \"Issue windows are stale\"."
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "dead_letter_rate" {
  display_name          = "${local.name}: dead letters above ${var.alert_dead_letter_ratio * 100} % of entries"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "Dead letters written / messages read over 15 min above ${var.alert_dead_letter_ratio}"
    condition_prometheus_query_language {
      query               = "(${local.dead_letter_ratio_query}) > ${var.alert_dead_letter_ratio}"
      duration            = "300s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${local.stream_job_name} is routing an unusual share of messages to dead_letters. ${local.runbook_alerts}, \"Dead letters are rising\"."
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "sink_export_errors" {
  display_name          = "${local.name}: log sink cannot export"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "Any export error of sinks ${local.sink_name} in 5 min"
    condition_threshold {
      filter          = local.sink_errors_filter
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Cloud Logging could not publish entries to ${google_pubsub_topic.log_entries.name}; entries it failed to export never reach the gardener. ${local.runbook_alerts}, \"The sink cannot export\"."
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "stream_not_running" {
  display_name          = "${local.name}: streaming job is not running"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "${local.stream_job_name} failed"
    condition_threshold {
      filter          = local.stream_failed_filter
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  # A running streaming job reports its system lag every minute, across updates (the job name
  # stays); 10 minutes of silence means it was drained, cancelled or never came back.
  conditions {
    display_name = "${local.stream_job_name} reported no system lag for 10 min"
    condition_absent {
      filter   = local.system_lag_filter
      duration = "600s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${local.stream_job_name} left the running state; messages wait in ${google_pubsub_subscription.pipeline.name}. Expected during a planned drain. ${local.runbook_alerts}, \"The streaming job is not running\"."
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "worklog_failed" {
  display_name          = "${local.name}: worklog job failed"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "${local.worklog_job_name} failed"
    condition_threshold {
      filter          = local.worklog_failed_filter
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Today's worklog run failed after Cloud Scheduler launched it, so no worklog was written. ${local.runbook_alerts}, \"The worklog failed\"."
  }

  depends_on = [google_project_service.apis]
}

# Cloud Scheduler only knows whether the launch request succeeded; a refused launch (bad
# template path, missing permission) shows as an error in the scheduler job's own log.
resource "google_monitoring_alert_policy" "worklog_launch_failed" {
  display_name          = "${local.name}: worklog launch failed"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "Cloud Scheduler job ${google_cloud_scheduler_job.worklog.name} logged an error"
    condition_matched_log {
      filter = "resource.type=\"cloud_scheduler_job\" AND resource.labels.job_id=\"${google_cloud_scheduler_job.worklog.name}\" AND severity>=ERROR"
    }
  }

  alert_strategy {
    notification_rate_limit {
      period = "3600s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Cloud Scheduler could not launch the worklog template. ${local.runbook_alerts}, \"The worklog failed\"."
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_custom_service" "pipeline" {
  service_id   = "${local.name}-pipeline"
  display_name = "Log Gardener pipeline (${var.environment})"

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_slo" "freshness" {
  service             = google_monitoring_custom_service.pipeline.service_id
  slo_id              = "data-freshness"
  display_name        = "Data watermark within ${var.alert_data_freshness_seconds} s in ${var.freshness_slo_goal * 100} % of 5-minute windows"
  goal                = var.freshness_slo_goal
  rolling_period_days = 28

  windows_based_sli {
    window_period = "300s"
    metric_mean_in_range {
      time_series = local.watermark_age_filter
      range {
        min = 0
        max = var.alert_data_freshness_seconds
      }
    }
  }
}

# Burning the 28-day error budget ten times faster than allowed spends it in under three days.
resource "google_monitoring_alert_policy" "freshness_slo_burn" {
  display_name          = "${local.name}: freshness SLO budget burning"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.notification_channels
  user_labels           = local.labels

  conditions {
    display_name = "Burn rate over 1 h above 10"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${google_monitoring_slo.freshness.name}\", \"3600s\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 10
      duration        = "0s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Issue windows have been stale often enough to spend the freshness SLO's budget within days. ${local.runbook_alerts}, \"Issue windows are stale\"."
  }
}

locals {
  dashboard_widgets = [
    {
      title = "Oldest unacked message age (s)"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { timeSeriesFilter = { filter = local.backlog_age_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" } } }
      }] }
    },
    {
      title = "Undelivered messages"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { timeSeriesFilter = { filter = local.undelivered_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" } } }
      }] }
    },
    {
      title = "Data watermark age (s)"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { timeSeriesFilter = { filter = local.watermark_age_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" } } }
      }] }
    },
    {
      title = "System lag (s)"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { timeSeriesFilter = { filter = local.system_lag_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" } } }
      }] }
    },
    {
      title = "Pipeline counters per 5 min"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { prometheusQuery = "sum by (metric_name) (increase(${local.pipeline_counter}, \"metric_name\"=~\"read|rejected|fingerprinted|failed|duplicates|too_late|written|refused\"}[5m]))" }
      }] }
    },
    {
      title = "Dead letters / messages read (15 min)"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { prometheusQuery = local.dead_letter_ratio_query }
      }] }
    },
    {
      title = "Sink: entries exported and export errors"
      xyChart = { dataSets = [
        {
          plotType        = "LINE"
          timeSeriesQuery = { timeSeriesFilter = { filter = local.sink_exported_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM" } } }
        },
        {
          plotType        = "LINE"
          timeSeriesQuery = { timeSeriesFilter = { filter = local.sink_errors_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM" } } }
        },
      ] }
    },
    {
      title = "Streaming job vCPUs"
      xyChart = { dataSets = [{
        plotType        = "LINE"
        timeSeriesQuery = { timeSeriesFilter = { filter = local.vcpus_filter, aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" } } }
      }] }
    },
  ]
}

resource "google_monitoring_dashboard" "pipeline" {
  dashboard_json = jsonencode({
    displayName = "Log Gardener (${var.environment})"
    mosaicLayout = {
      columns = 12
      tiles = [for index, widget in local.dashboard_widgets : {
        xPos   = (index % 2) * 6
        yPos   = floor(index / 2) * 4
        width  = 6
        height = 4
        widget = widget
      }]
    }
  })

  depends_on = [google_project_service.apis]
}
