-- End of the latest stored window: a period can end there when the data is older than now
-- (replayed exports, the bundled sample). Parameter: @project (STRING), NULL for every project.
-- Runs unchanged on BigQuery and DuckDB.
SELECT MAX(window_end) AS latest_window_end
FROM issue_windows
WHERE @project IS NULL OR project_id = @project
