# Shared settings of the deploy scripts: names follow deploy/terraform (bucket, repository,
# template paths), so the scripts and Terraform always agree. Source it; do not run it.

lg_require() {
  local name
  for name in "$@"; do
    if [[ -z "${!name:-}" ]]; then
      echo "error: set $name (see deploy/README.md)" >&2
      exit 2
    fi
  done
}

lg_require PROJECT REGION ENVIRONMENT

BUCKET="gs://${PROJECT}-lg-${ENVIRONMENT}-dataflow"
IMAGE_REPOSITORY="${REGION}-docker.pkg.dev/${PROJECT}/log-gardener-${ENVIRONMENT}"
DATASET="log_gardener_${ENVIRONMENT//-/_}"
STREAM_JOB_NAME="log-gardener-${ENVIRONMENT}-stream"
STREAM_SERVICE_ACCOUNT="lg-${ENVIRONMENT}-stream@${PROJECT}.iam.gserviceaccount.com"
SUBSCRIPTION="projects/${PROJECT}/subscriptions/log-gardener-${ENVIRONMENT}-pipeline"
STREAM_MAIN_CLASS="dev.loggardener.jobs.LogStreamPipeline"
WORKLOG_MAIN_CLASS="dev.loggardener.jobs.WorklogReport"

template_path() {
  echo "${BUCKET}/templates/$1/$2.json"
}

# The parameters the streaming job always gets; callers may append more (key=value, ...).
stream_parameters() {
  echo "inputSubscription=${SUBSCRIPTION},issueWindowsTable=${PROJECT}:${DATASET}.issue_windows,deadLettersTable=${PROJECT}:${DATASET}_restricted.dead_letters"
}

# Prints the id of the running streaming job, or nothing.
running_stream_job_id() {
  gcloud dataflow jobs list --project="$PROJECT" --region="$REGION" --status=active \
    --filter="name=${STREAM_JOB_NAME}" --format='value(id)' | head -n 1
}
