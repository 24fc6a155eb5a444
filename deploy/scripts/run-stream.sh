#!/usr/bin/env bash
# Starts the streaming job from its Flex Template when none is running (Terraform normally does
# this; use the script after a drain, or in a project without the Terraform job).
#
# Usage: PROJECT=p REGION=r ENVIRONMENT=e TAG=t [EXTRA_PARAMETERS=k=v,...] \
#          [AT_LEAST_ONCE=true] deploy/scripts/run-stream.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh
lg_require TAG

if [[ -n "$(running_stream_job_id)" ]]; then
  echo "error: ${STREAM_JOB_NAME} is already running; use update-stream.sh" >&2
  exit 2
fi

parameters="$(stream_parameters)${EXTRA_PARAMETERS:+,${EXTRA_PARAMETERS}}"
mode_options=()
if [[ "${AT_LEAST_ONCE:-false}" == "true" ]]; then
  mode_options=(--additional-pipeline-options=dataflowServiceOptions=streaming_mode_at_least_once)
fi

gcloud dataflow flex-template run "$STREAM_JOB_NAME" \
  --project="$PROJECT" \
  --region="$REGION" \
  --template-file-gcs-location="$(template_path log-stream "$TAG")" \
  --service-account-email="$STREAM_SERVICE_ACCOUNT" \
  --temp-location="${BUCKET}/temp" \
  --staging-location="${BUCKET}/staging" \
  --enable-streaming-engine \
  --additional-user-labels="app=log-gardener,environment=${ENVIRONMENT}" \
  "${mode_options[@]}" \
  --parameters="$parameters"
