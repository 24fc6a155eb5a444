-- Fingerprints first seen in the last 7 days (rolling, UTC), loudest first. "First seen" is the
-- earliest entry over all retained partitions, so a fingerprint that went quiet and came back
-- is not new. Reads every partition: prefer it over ad-hoc scans of issue_windows.
SELECT
  fingerprint,
  project_id,
  ARRAY_AGG(template ORDER BY last_seen DESC LIMIT 1)[OFFSET(0)] AS template,
  ARRAY_AGG(DISTINCT service ORDER BY service) AS services,
  MIN(first_seen) AS first_seen,
  MAX(last_seen) AS last_seen,
  SUM(entry_count) AS entries,
  ARRAY_AGG(max_severity ORDER BY max_severity_number DESC LIMIT 1)[OFFSET(0)] AS max_severity
FROM `${project}.${dataset}.issue_windows` AS w
GROUP BY fingerprint, project_id
-- w.first_seen: the bare name would be the first_seen alias above, an aggregate already.
HAVING MIN(w.first_seen) >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
ORDER BY entries DESC
