-- Issues per project, service and UTC day: how many distinct fingerprints fired, how many entries
-- they carried and the worst severity seen. Panes discard, so SUM(entry_count) is the exact total.
-- A folder or organization sink carries many projects; project_id is NULL for logs of no project.
-- Filter on `day` to read only the partitions you need.
SELECT
  DATE(window_start) AS day,
  project_id,
  service,
  COUNT(DISTINCT fingerprint) AS distinct_issues,
  SUM(entry_count) AS entries,
  MAX(max_severity_number) AS max_severity_number,
  ARRAY_AGG(max_severity ORDER BY max_severity_number DESC LIMIT 1)[OFFSET(0)] AS max_severity
FROM `${project}.${dataset}.issue_windows`
GROUP BY day, project_id, service
