-- For each fingerprint of the period, the earliest time it was ever stored before the period
-- ends: a fingerprint first seen inside the period is new, one seen earlier is back or ongoing.
-- Parameters: @from and @to (TIMESTAMP, UTC); @project (STRING), NULL for every project.
-- The fingerprint includes the project, so only the period's own fingerprints need the filter.
-- Runs unchanged on BigQuery and DuckDB.
SELECT
  fingerprint,
  MIN(first_seen) AS first_seen
FROM issue_windows
WHERE window_start < @to
  AND fingerprint IN (
    SELECT fingerprint
    FROM issue_windows
    WHERE window_start >= @from
      AND window_start < @to
      AND (@project IS NULL OR project_id = @project))
GROUP BY fingerprint
ORDER BY fingerprint
