#!/usr/bin/env bash
# Starts the streaming job from its Flex Template when none is running, with every option exactly
# as Terraform would launch it (deploy/scripts/common.sh). Terraform normally starts the job; use
# the script in an environment with stream_job_enabled = false.
#
# Usage: ENVIRONMENT=e deploy/scripts/run-stream.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh

if [[ -n "$(running_stream_job_id)" ]]; then
  echo "error: ${STREAM_JOB_NAME} is already running; use update-stream.sh" >&2
  exit 2
fi

mapfile -t launch_flags < <(stream_launch_flags)
gcloud dataflow flex-template run "$STREAM_JOB_NAME" "${launch_flags[@]}"
