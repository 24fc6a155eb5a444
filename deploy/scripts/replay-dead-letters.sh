#!/usr/bin/env bash
# Republishes dead letters to the entries topic exactly as the sink first published them: the
# payload goes from BigQuery's BYTES column to Pub/Sub's base64 "data" field without ever being
# decoded, so any byte sequence survives, and the original attributes go with it.
#
# Usage: ENVIRONMENT=e WHERE="reason = 'no_timestamp' AND processing_time > '2026-11-28'" \
#          [DRY_RUN=true] deploy/scripts/replay-dead-letters.sh
# Needs: bq, jq, curl; bigquery.dataViewer on the restricted dataset, pubsub.publisher on the topic.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh
lg_require WHERE

TABLE=$(lg_output .dead_letters_table)
TOPIC=$(lg_output .topic)
BATCH=500
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bq query --project_id="$PROJECT" --use_legacy_sql=false --format=json --max_rows=10000000 --quiet \
  "SELECT TO_JSON_STRING(STRUCT(
            TO_BASE64(raw_payload) AS data,
            (SELECT JSON_OBJECT(IFNULL(ARRAY_AGG(a.key), []), IFNULL(ARRAY_AGG(a.value), []))
             FROM UNNEST(attributes) AS a WHERE a.value IS NOT NULL) AS attributes)) AS message
   FROM \`${TABLE}\`
   WHERE ${WHERE}" >"$work/rows.json"

count=$(jq 'length' "$work/rows.json")
echo "${count} dead letters match; publishing to ${TOPIC} in batches of ${BATCH}"
if [[ "${DRY_RUN:-false}" == "true" || "$count" -eq 0 ]]; then
  exit 0
fi

jq -c --argjson n "$BATCH" '[.[].message | fromjson] | _nwise($n) | {messages: .}' \
  "$work/rows.json" >"$work/batches.ndjson"
token=$(gcloud auth print-access-token)
published=0
while IFS= read -r batch; do
  curl --silent --show-error --fail-with-body -X POST \
    -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" \
    --data-binary "$batch" "https://pubsub.googleapis.com/v1/${TOPIC}:publish" >/dev/null
  published=$((published + $(jq '.messages | length' <<<"$batch")))
done <"$work/batches.ndjson"
echo "published ${published} of ${count}"
