#!/usr/bin/env bash
# Load bench (not part of CI): pushes N generated entries through the local path (the `run`
# command: export file -> the log-stream pipeline on the DirectRunner -> DuckDB) with the heap capped, samples heap and RSS
# about every 2 s (slower on a loaded machine), and prints throughput and peak memory.
# With --hot-key, 90% of the entries are one
# health-check message (one fingerprint), the rest the generated staging day.
#
#   bench/load.sh 10000000            # the issue's figure
#   bench/load.sh 1000000 --hot-key   # hot-key run
#   HEAP=1g bench/load.sh 200000      # what fits on a busy machine
#   SHAPE=shuffled bench/load.sh 1000000   # the same entries in random time order
#   SHAPE=gcloud-json-gz bench/load.sh 1000000
#                                     # the export as `gcloud logging read --format=json | gzip`
#                                     # writes it: one pretty-printed JSON array, newest first
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:?usage: bench/load.sh ENTRIES [--hot-key]}
hot=${2:-}
heap=${HEAP:-1g}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -o -q compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
# A private copy of the classes, so that rebuilding the project during a long run cannot change
# the code under measurement.
cp -r target/classes "$work/classes"
cp="$work/classes:$(cat "$work/cp")"
input="$work/entries.jsonl"
java -Xmx1g -cp "$cp" dev.loggardener.cli.Main generate --out "$input" \
  --entries "$entries" --seed 8 >/dev/null
if [[ "$hot" == "--hot-key" ]]; then
  # Replace nine lines in ten by the same health check, with distinct insertIds and timestamps.
  awk '{ if (NR % 10 == 0) print; else printf \
    "{\"timestamp\":\"2025-09-11T%02d:%02d:%02d.%06dZ\",\"insertId\":\"hc-%d\",\"severity\":\"INFO\",\"logName\":\"projects/bench/logs/run.googleapis.com%%2Frequests\",\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"gateway\"}},\"httpRequest\":{\"requestMethod\":\"GET\",\"requestUrl\":\"https://gateway.example.com/healthz\",\"status\":200}}\n", \
    (NR/36000)%24, (NR/600)%60, (NR/10)%60, NR%1000000, NR }' "$input" > "$input.hot"
  mv "$input.hot" "$input"
fi

if [[ "${SHAPE:-ndjson}" == "shuffled" ]]; then
  # A fixed random source, so that every run shuffles the same way.
  shuf --random-source=<(yes 8) "$input" > "$input.shuffled"
  mv "$input.shuffled" "$input"
fi
if [[ "${SHAPE:-ndjson}" == "gcloud-json-gz" ]]; then
  # A JSON array holds JSON only: the generated day's malformed lines are left out of it.
  { echo "["; tac "$input" | jq -R --indent 2 'fromjson? // empty' | sed 's/^}$/},/' \
    | sed '$ s/^},$/}/'; echo "]"; } \
    | gzip -1 > "$input.json.gz"
  rm "$input"
  input="$input.json.gz"
  echo "input: $(du -h "$input" | cut -f1) gzipped JSON array, newest first"
fi

samples="$work/memory.csv"
echo "seconds,heap_used_kb,rss_kb" > "$samples"
start=$(date +%s.%N)
java -Xmx"$heap" -cp "$cp" dev.loggardener.cli.Main run --input "$input" \
  --store "$work/bench.duckdb" --worklog "$work/worklog.md" > "$work/run.log" 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  # jcmd fails while the JVM is busy or exiting; a missed sample must not stop the bench.
  heap_kb=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K","",$(i+1)); print $(i+1); exit}}' || true)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  echo "$(echo "$(date +%s.%N) - $start" | bc),${heap_kb:-},${rss_kb:-}" >> "$samples"
  sleep 2
done
wait "$pid" || { echo "run failed:"; tail -20 "$work/run.log"; exit 1; }
seconds=$(echo "$(date +%s.%N) - $start" | bc)
echo "entries: $entries ${hot:+(hot key 90%)}, heap cap: $heap"
echo "wall seconds: $seconds, entries/s: $(echo "$entries / $seconds" | bc)"
echo "peak heap used (KB): $(cut -d, -f2 "$samples" | sort -n | tail -1)"
echo "peak RSS (KB): $(cut -d, -f3 "$samples" | sort -n | tail -1)"
grep -E "counted in|accounts" "$work/run.log"
echo "memory samples (seconds, heap used KB, RSS KB):"
tail -n +2 "$samples"
