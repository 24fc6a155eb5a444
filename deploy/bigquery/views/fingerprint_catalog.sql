-- One row per fingerprint: its project (part of the fingerprint), its template under the rule-set
-- version that made it, when it was first and last seen, where, and how often in total. The catalog is a view, not a table, so it
-- can never disagree with issue_windows.
SELECT
  fingerprint,
  project_id,
  ARRAY_AGG(template ORDER BY last_seen DESC LIMIT 1)[OFFSET(0)] AS template,
  ARRAY_AGG(rule_set_version ORDER BY last_seen DESC LIMIT 1)[OFFSET(0)] AS rule_set_version,
  ARRAY_AGG(DISTINCT service ORDER BY service) AS services,
  ARRAY_AGG(DISTINCT resource_type ORDER BY resource_type) AS resource_types,
  ARRAY_AGG(logger IGNORE NULLS ORDER BY last_seen DESC LIMIT 1)[SAFE_OFFSET(0)] AS logger,
  ARRAY_AGG(exception_type IGNORE NULLS ORDER BY last_seen DESC LIMIT 1)[SAFE_OFFSET(0)]
    AS exception_type,
  MIN(first_seen) AS first_seen,
  MAX(last_seen) AS last_seen,
  SUM(entry_count) AS entries
FROM `${project}.${dataset}.issue_windows`
GROUP BY fingerprint, project_id
