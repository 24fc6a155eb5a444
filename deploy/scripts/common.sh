# Shared settings of the deploy scripts. Every value comes from Terraform: the scripts plan
# deploy/terraform with env/$ENVIRONMENT.tfvars against that environment's state (nothing is
# applied) and read the planned outputs, so a script builds, launches, validates and scales
# exactly what Terraform would. Source it; do not run it.

lg_require() {
  local name
  for name in "$@"; do
    if [[ -z "${!name:-}" ]]; then
      echo "error: set $name (see deploy/README.md)" >&2
      exit 2
    fi
  done
}

lg_require ENVIRONMENT

TERRAFORM_DIR=deploy/terraform
STREAM_MAIN_CLASS="dev.loggardener.jobs.LogStreamPipeline"
WORKLOG_MAIN_CLASS="dev.loggardener.jobs.WorklogReport"

if [[ ! -f "${TERRAFORM_DIR}/env/${ENVIRONMENT}.tfvars" || ! -f "${TERRAFORM_DIR}/env/${ENVIRONMENT}.gcs.tfbackend" ]]; then
  echo "error: ${TERRAFORM_DIR}/env needs ${ENVIRONMENT}.tfvars and ${ENVIRONMENT}.gcs.tfbackend" >&2
  exit 2
fi

# Points Terraform at this environment's state, whatever environment it was initialized for.
lg_terraform_init() {
  terraform -chdir="$TERRAFORM_DIR" init -input=false -reconfigure \
    -backend-config="env/${ENVIRONMENT}.gcs.tfbackend" >/dev/null
}

# Terraform's outputs as one JSON object (name -> value), planned from the tfvars file as it is now.
lg_planned_outputs() {
  local plan status=0
  plan=$(mktemp)
  lg_terraform_init &&
    terraform -chdir="$TERRAFORM_DIR" plan -input=false -lock=false -refresh=false \
      -var-file="env/${ENVIRONMENT}.tfvars" -out="$plan" >/dev/null &&
    terraform -chdir="$TERRAFORM_DIR" show -json "$plan" |
    jq '.planned_values.outputs | map_values(.value)' || status=$?
  rm -f "$plan"
  return "$status"
}

OUTPUTS=$(lg_planned_outputs)

# Prints one output value (a jq path such as .stream_launch.region); fails while it is unknown.
lg_output() {
  if ! jq -er "$1" <<<"$OUTPUTS"; then
    echo "error: Terraform output $1 is not known yet; apply deploy/terraform first" >&2
    exit 2
  fi
}

# The gcloud flags of a streaming-job launch, one per line: one flag for each argument of
# google_dataflow_flex_template_job.stream except the job name, taken from the stream_launch output.
stream_launch_flags() {
  jq -r '.stream_launch | (
    "--project=\(.project)",
    "--region=\(.region)",
    "--template-file-gcs-location=\(.container_spec_gcs_path)",
    "--parameters=^~^\(.parameters | to_entries | map("\(.key)=\(.value)") | join("~"))",
    "--service-account-email=\(.service_account_email)",
    "--temp-location=\(.temp_location)",
    "--staging-location=\(.staging_location)",
    (if .enable_streaming_engine then "--enable-streaming-engine" else empty end),
    "--worker-machine-type=\(.machine_type)",
    "--max-workers=\(.max_workers)",
    (if .network then "--network=\(.network)" else empty end),
    "--subnetwork=\(.subnetwork)",
    (if .ip_configuration == "WORKER_IP_PRIVATE" then "--disable-public-ips" else empty end),
    "--additional-user-labels=\(.labels | to_entries | map("\(.key)=\(.value)") | join(","))",
    (if (.additional_pipeline_options | length) > 0 then "--additional-pipeline-options=\(.additional_pipeline_options | join(","))" else empty end)
  )' <<<"$OUTPUTS"
}

STREAM_JOB_NAME=$(lg_output .stream_launch.name)
PROJECT=$(lg_output .project)
REGION=$(lg_output .stream_launch.region)

# Prints the id of the running streaming job, or nothing.
running_stream_job_id() {
  gcloud dataflow jobs list --project="$PROJECT" --region="$REGION" --status=active \
    --filter="name=${STREAM_JOB_NAME}" --format='value(id)' | head -n 1
}
