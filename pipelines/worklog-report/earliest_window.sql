-- Start of the earliest stored window: a store whose data all lies inside the period has no
-- baseline to call anything new, back or rising against. No parameters. Runs unchanged on
-- BigQuery and DuckDB.
SELECT MIN(window_start) AS earliest_window_start
FROM issue_windows
