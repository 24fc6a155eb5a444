-- Fingerprints ranked by entries over the last 7 days (rolling, UTC), with the last 24 hours
-- beside it to show what is loud right now. Panes discard, so SUM(entry_count) is exact.
SELECT
  fingerprint,
  project_id,
  ARRAY_AGG(template ORDER BY last_seen DESC LIMIT 1)[OFFSET(0)] AS template,
  ARRAY_AGG(DISTINCT service ORDER BY service) AS services,
  SUM(entry_count) AS entries_7d,
  SUM(IF(window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR), entry_count, 0))
    AS entries_24h,
  ARRAY_AGG(max_severity ORDER BY max_severity_number DESC LIMIT 1)[OFFSET(0)] AS max_severity,
  MAX(last_seen) AS last_seen,
  RANK() OVER (ORDER BY SUM(entry_count) DESC) AS volume_rank
FROM `${project}.${dataset}.issue_windows`
WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY fingerprint, project_id
ORDER BY volume_rank
