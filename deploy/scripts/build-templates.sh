#!/usr/bin/env bash
# Builds both Flex Templates (launcher image + template spec file) from target/log-gardener.jar.
#
# Usage: PROJECT=p REGION=r ENVIRONMENT=e TAG=t deploy/scripts/build-templates.sh
# Needs: mvn -o package already run; roles/storage.admin, roles/cloudbuild.builds.editor and
# roles/artifactregistry.writer for the caller.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh
lg_require TAG

JAR=target/log-gardener.jar
if [[ ! -f "$JAR" ]]; then
  echo "error: $JAR is missing; run 'mvn -o package -DskipTests' first" >&2
  exit 2
fi

build() {
  local template="$1" main_class="$2"
  local class_file="${main_class//.//}.class"
  if ! unzip -l "$JAR" "$class_file" >/dev/null 2>&1; then
    echo "error: $JAR has no $main_class; is the jar from the current main?" >&2
    exit 2
  fi
  gcloud dataflow flex-template build "$(template_path "$template" "$TAG")" \
    --project="$PROJECT" \
    --image-gcr-path="${IMAGE_REPOSITORY}/${template}:${TAG}" \
    --sdk-language=JAVA \
    --flex-template-base-image=JAVA17 \
    --jar="$JAR" \
    --env="FLEX_TEMPLATE_JAVA_MAIN_CLASS=${main_class}" \
    --metadata-file="deploy/flex-templates/${template}/metadata.json"
}

build log-stream "$STREAM_MAIN_CLASS"
build worklog "$WORKLOG_MAIN_CLASS"
echo "built $(template_path log-stream "$TAG") and $(template_path worklog "$TAG")"
