#!/usr/bin/env bash
# Replaces the running streaming job with one launched from env/$ENVIRONMENT.tfvars as it is now
# (image_tag, machine type, network, streaming mode, parameters: the same options Terraform
# would use), keeping its state (windows, dedup): first a graph-validation job checks that the
# new graph is update-compatible, and only if it succeeds is the real --update launched.
#
# Usage: ENVIRONMENT=e [TRANSFORM_NAME_MAPPINGS='OldStep=NewStep,...'] [VALIDATE_ONLY=true] \
#          deploy/scripts/update-stream.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh

if [[ -z "$(running_stream_job_id)" ]]; then
  echo "error: no running ${STREAM_JOB_NAME} to update; use run-stream.sh" >&2
  exit 2
fi

mapfile -t launch_flags < <(stream_launch_flags)
if [[ -n "${TRANSFORM_NAME_MAPPINGS:-}" ]]; then
  launch_flags+=(--transform-name-mappings="$TRANSFORM_NAME_MAPPINGS")
fi

launch() {
  gcloud dataflow flex-template run "$STREAM_JOB_NAME" "${launch_flags[@]}" --update "$@" \
    --format='value(job.id)'
}

echo "validating the new graph against the running job..."
validation_job=$(launch --additional-experiments=graph_validate_only)
state=""
for _ in $(seq 1 90); do
  state=$(gcloud dataflow jobs describe "$validation_job" --project="$PROJECT" \
    --region="$REGION" --format='value(currentState)')
  case "$state" in
    JOB_STATE_DONE | JOB_STATE_FAILED | JOB_STATE_CANCELLED) break ;;
  esac
  sleep 10
done
if [[ "$state" != "JOB_STATE_DONE" ]]; then
  echo "error: graph validation ended in ${state:-an unknown state}; the running job is untouched." >&2
  echo "Read why: gcloud dataflow jobs describe $validation_job --region=$REGION --full" >&2
  echo "A renamed step needs TRANSFORM_NAME_MAPPINGS='OldName=NewName' (deploy/README.md)." >&2
  exit 1
fi
echo "graph validation passed ($validation_job)"

if [[ "${VALIDATE_ONLY:-false}" == "true" ]]; then
  exit 0
fi
new_job=$(launch)
echo "update launched: $new_job replaces the running job once its state is transferred"
