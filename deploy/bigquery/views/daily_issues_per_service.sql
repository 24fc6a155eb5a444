-- Issues per service and UTC day: how many distinct fingerprints fired, how many entries they
-- carried and the worst severity seen. Panes discard, so SUM(entry_count) is the exact total.
-- Filter on `day` to read only the partitions you need.
SELECT
  DATE(window_start) AS day,
  service,
  COUNT(DISTINCT fingerprint) AS distinct_issues,
  SUM(entry_count) AS entries,
  MAX(max_severity_number) AS max_severity_number,
  ARRAY_AGG(max_severity ORDER BY max_severity_number DESC LIMIT 1)[OFFSET(0)] AS max_severity
FROM `${project}.${dataset}.issue_windows`
GROUP BY day, service
