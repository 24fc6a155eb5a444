#!/usr/bin/env bash
# fingerprint command bench (not part of CI): the whole process, JVM start included, over a
# 320,000-line mix of raw Loghub-2k lines (each system's 2,000 lines, 16 times over), run ROUNDS
# times per jar, alternating; prints each run and the median lines per second of each jar.
#
#   bench/fingerprint.sh target/log-gardener.jar                 # one jar
#   bench/fingerprint.sh before.jar target/log-gardener.jar      # side by side
#   LOGHUB=../shared/loghub-2k ROUNDS=7 bench/fingerprint.sh A.jar B.jar
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: bench/fingerprint.sh JAR [JAR...]" >&2; exit 2; }
loghub=${LOGHUB:-../shared/loghub-2k}
rounds=${ROUNDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for round in $(seq 16); do
  for log in "$loghub"/*/*_2k.log; do tr -d '\r' < "$log"; echo; done
done | grep -v '^$' > "$work/lines.log"
lines=$(wc -l < "$work/lines.log")
echo "input: $lines lines, $(du -h "$work/lines.log" | cut -f1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A rates
for round in $(seq "$rounds"); do
  for jar in "$@"; do
    start=$(date +%s.%N)
    java -jar "$jar" fingerprint --input "$work/lines.log" > "$work/out.ndjson"
    end=$(date +%s.%N)
    rate=$(echo "$lines / ($end - $start)" | bc)
    rates[$jar]+="$rate "
    echo "round $round $jar: $rate lines/s, $(wc -l < "$work/out.ndjson") lines out"
  done
done
for jar in "$@"; do
  median=$(echo "${rates[$jar]}" | tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "median $jar: $median lines/s over $rounds runs"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
