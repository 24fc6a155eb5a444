-- Per UTC day, the revisions (Cloud Run revisions, App Engine versions, ...) each fingerprint
-- occurs in, with their share of its entries, and whether one of them looks like its cause:
-- 'only_revision' when every entry of the day comes from this one revision while the service had
-- several, 'most_entries' when it carries at least 90 % of them. Compare first_seen_in_revision
-- with revision_first_entry to see how soon after a rollout it started.
-- issue_windows keeps the distinct revisions of each one-minute pane, not a count per revision:
-- entries of a pane naming one revision are attributed to it; entries of panes naming several
-- are counted in shared_entries and in no share. The worklog's "Suspect revision" line applies
-- the same rules to its period. Runs unchanged on BigQuery and DuckDB.
WITH panes AS (
  SELECT
    CAST(window_start AS DATE) AS day,
    service,
    fingerprint,
    entry_count,
    first_seen,
    versions,
    CASE WHEN ARRAY_LENGTH(versions) = 1 THEN ARRAY_TO_STRING(versions, '') END AS revision
  FROM `${project}.${dataset}.issue_windows`
),
revision_starts AS (
  SELECT
    named.service,
    named.revision,
    MIN(p.first_seen) AS revision_first_entry
  FROM (SELECT DISTINCT service, revision FROM panes WHERE revision IS NOT NULL) AS named
  JOIN panes AS p
    ON p.service = named.service
    AND STRPOS(
      CONCAT(',', ARRAY_TO_STRING(p.versions, ','), ','),
      CONCAT(',', named.revision, ',')) > 0
  GROUP BY named.service, named.revision
),
serving AS (
  SELECT day, service, COUNT(DISTINCT revision) AS serving_revisions
  FROM panes
  GROUP BY day, service
),
fingerprints AS (
  SELECT
    day,
    service,
    fingerprint,
    SUM(entry_count) AS fingerprint_entries,
    COUNT(DISTINCT revision) AS revisions_seen,
    SUM(CASE WHEN ARRAY_LENGTH(versions) > 1 THEN entry_count ELSE 0 END) AS shared_entries
  FROM panes
  GROUP BY day, service, fingerprint
),
shares AS (
  SELECT
    day,
    service,
    fingerprint,
    revision,
    SUM(entry_count) AS entries,
    MIN(first_seen) AS first_seen_in_revision
  FROM panes
  WHERE revision IS NOT NULL
  GROUP BY day, service, fingerprint, revision
)
SELECT
  s.day,
  s.service,
  s.fingerprint,
  s.revision,
  s.entries,
  f.fingerprint_entries,
  1.0 * s.entries / f.fingerprint_entries AS share,
  f.shared_entries,
  v.serving_revisions,
  s.first_seen_in_revision,
  r.revision_first_entry,
  CASE
    WHEN f.revisions_seen = 1 AND f.shared_entries = 0 AND v.serving_revisions > 1
      THEN 'only_revision'
    WHEN 1.0 * s.entries / f.fingerprint_entries >= 0.9 THEN 'most_entries'
  END AS suspect_reason
FROM shares AS s
JOIN fingerprints AS f
  ON f.day = s.day AND f.service = s.service AND f.fingerprint = s.fingerprint
JOIN serving AS v
  ON v.day = s.day AND v.service = s.service
JOIN revision_starts AS r
  ON r.service = s.service AND r.revision = s.revision
