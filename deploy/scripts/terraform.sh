#!/usr/bin/env bash
# Runs Terraform for one environment: the state of env/$ENVIRONMENT.gcs.tfbackend with the
# variables of env/$ENVIRONMENT.tfvars, never one environment's variables against the other's state.
#
# Usage: ENVIRONMENT=e deploy/scripts/terraform.sh plan|apply|destroy [terraform options...]
set -euo pipefail
cd "$(dirname "$0")/../terraform"
if [[ -z "${ENVIRONMENT:-}" || $# -lt 1 ]]; then
  echo "usage: ENVIRONMENT=e $0 plan|apply|destroy [options...]" >&2
  exit 2
fi
for file in "env/${ENVIRONMENT}.tfvars" "env/${ENVIRONMENT}.gcs.tfbackend"; do
  if [[ ! -f "$file" ]]; then
    echo "error: deploy/terraform/$file is missing" >&2
    exit 2
  fi
done

command="$1"
shift
terraform init -input=false -reconfigure -backend-config="env/${ENVIRONMENT}.gcs.tfbackend"
terraform "$command" -var-file="env/${ENVIRONMENT}.tfvars" "$@"
