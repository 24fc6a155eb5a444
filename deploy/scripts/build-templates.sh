#!/usr/bin/env bash
# Builds both Flex Templates (launcher image + template spec file) from target/log-gardener.jar,
# under the image_tag of env/$ENVIRONMENT.tfvars: the tag lives in that file only, so what is
# built, validated and applied is always the same tag.
#
# Usage: ENVIRONMENT=e deploy/scripts/build-templates.sh
# Needs: mvn -o package already run; roles/storage.admin, roles/cloudbuild.builds.editor and
# roles/artifactregistry.writer for the caller.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/scripts/common.sh

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
  gcloud dataflow flex-template build "$(lg_output ".templates[\"${template}\"].spec_file")" \
    --project="$PROJECT" \
    --image-gcr-path="$(lg_output ".templates[\"${template}\"].image")" \
    --sdk-language=JAVA \
    --flex-template-base-image=JAVA17 \
    --jar="$JAR" \
    --env="FLEX_TEMPLATE_JAVA_MAIN_CLASS=${main_class}" \
    --metadata-file="deploy/flex-templates/${template}/metadata.json"
}

build log-stream "$STREAM_MAIN_CLASS"
build worklog "$WORKLOG_MAIN_CLASS"
echo "built $(lg_output '.templates["log-stream"].spec_file') and $(lg_output '.templates.worklog.spec_file')"
