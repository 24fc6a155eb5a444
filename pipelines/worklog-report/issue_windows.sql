-- Issue windows of one period, as the worklog report reads them.
-- Parameters: @from and @to (TIMESTAMP, UTC); a row belongs to the period when its window
-- starts in [@from, @to). @project (STRING): only that project's rows; NULL for every project.
-- Panes discard, so SUM(entry_count) over these rows is exact.
-- Runs unchanged on BigQuery and on the local DuckDB store. On BigQuery, for example:
--   bq query --use_legacy_sql=false --dataset_id=PROJECT:DATASET \
--     --parameter=from:TIMESTAMP:2026-11-27T00:00:00Z \
--     --parameter=to:TIMESTAMP:2026-11-28T00:00:00Z \
--     --parameter=project:STRING:NULL "$(cat issue_windows.sql)"
SELECT
  window_start,
  window_end,
  fingerprint,
  project_id,
  resource_type,
  service,
  logger,
  exception_type,
  template,
  rule_set_version,
  max_severity,
  max_severity_number,
  entry_count,
  first_seen,
  last_seen,
  examples,
  versions,
  source_locations,
  trace_ids,
  http_status_classes
FROM issue_windows
WHERE window_start >= @from
  AND window_start < @to
  AND (@project IS NULL OR project_id = @project)
ORDER BY fingerprint, window_start, pane_index
