#!/usr/bin/env bash
# Fingerprint path of several builds side by side in one JVM (not part of CI): builds the jar of
# each git REF in a temporary worktree, and of the working tree, then runs PairedThroughput over
# the Loghub-2k messages with the builds taking turns round by round. The first REF is the
# baseline every ratio is taken to.
#
#   bench/paired.sh main~2                      # main~2 against the working tree
#   LOGHUB=../shared/loghub-2k bench/paired.sh 5125d52~1 5125d52
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: bench/paired.sh REF [REF...]" >&2; exit 2; }
loghub=${LOGHUB:-../shared/loghub-2k}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/tree" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
package() {
  mvn -o -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -Dcheckstyle.skip=true
}

jars=()
for ref in "$@"; do
  echo "building $ref"
  git worktree add --detach "$work/tree" "$ref" > /dev/null 2>&1
  (cd "$work/tree" && package)
  cp "$work/tree/target/log-gardener.jar" "$work/${ref//\//_}.jar"
  git worktree remove --force "$work/tree"
  jars+=("$work/${ref//\//_}.jar")
done
echo "building the working tree"
package
cp target/log-gardener.jar "$work/working-tree.jar"
jars+=("$work/working-tree.jar")

mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" > /dev/null
java -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" -Dloghub.dir="$loghub" \
  dev.loggardener.bench.PairedThroughput "${jars[@]}"
