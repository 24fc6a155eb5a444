#!/usr/bin/env bash
# Applies stream_max_workers from env/$ENVIRONMENT.tfvars to the running streaming job in place:
# an in-flight option update of a Streaming Engine job keeps the job, its id and all its state.
# Terraform ignores max_workers after the launch, because its provider would replace the job.
#
# Usage: ENVIRONMENT=e deploy/scripts/scale-stream.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh

job=$(running_stream_job_id)
if [[ -z "$job" ]]; then
  echo "error: no running ${STREAM_JOB_NAME} to scale; the next launch uses stream_max_workers" >&2
  exit 2
fi
max_workers=$(lg_output .stream_launch.max_workers)
gcloud dataflow jobs update-options "$job" --project="$PROJECT" --region="$REGION" \
  --max-num-workers="$max_workers"
echo "${STREAM_JOB_NAME} ($job) now scales up to ${max_workers} workers; allow a few minutes"
