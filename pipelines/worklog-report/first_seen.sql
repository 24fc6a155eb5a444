-- For each fingerprint of the period, the earliest time it was ever stored before the period
-- ends: a fingerprint first seen inside the period is new, one seen earlier is back or ongoing.
-- Parameters: @from and @to (TIMESTAMP, UTC). Runs unchanged on BigQuery and DuckDB.
SELECT
  fingerprint,
  MIN(first_seen) AS first_seen
FROM issue_windows
WHERE window_start < @to
  AND fingerprint IN (
    SELECT fingerprint
    FROM issue_windows
    WHERE window_start >= @from
      AND window_start < @to)
GROUP BY fingerprint
ORDER BY fingerprint
