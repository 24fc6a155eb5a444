#!/usr/bin/env bash
# Soak bench (not part of CI): the real Pub/Sub emulator, `stream` on the DirectRunner into DuckDB,
# and `replay` publishing a generated day at a fixed rate for a fixed time. Every 10 s it samples
# what was published and, from the stream's progress line, received and counted, plus the stream's
# heap and RSS; at the end it sends SIGTERM (the stream drains) and checks that published =
# counted + dead-lettered + duplicates.
#
# Backlog = published - received. Publish-to-row latency is read off the two curves: the n-th entry
# was published when `published` reached n and counted (its pane fired and went to the writer)
# when `counted` reached n; p50/p99 are taken over entries, at the 10 s resolution of the samples.
#
#   bench/soak.sh 1000 10            # 1,000 messages/s for 10 minutes
#   EARLY=5 HEAP=2g bench/soak.sh 200 2
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:?usage: bench/soak.sh RATE MINUTES}
minutes=${2:?usage: bench/soak.sh RATE MINUTES}
heap=${HEAP:-2g}
early=${EARLY:-10}
port=${PORT:-18585}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mvn -o -q compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp -r target/classes "$work/classes"
cp="$work/classes:$(cat "$work/cp")"
entries=$((rate * 60 * minutes))
java -Xmx1g -cp "$cp" dev.loggardener.cli.Main generate --out "$work/day.jsonl" \
  --entries "$entries" --seed 8 >/dev/null
entries=$(wc -l < "$work/day.jsonl")

sdk=$(gcloud info --format='value(installation.sdk_root)')
java -jar "$sdk"/platform/pubsub-emulator/lib/cloud-pubsub-emulator-*-all.jar \
  --host=127.0.0.1 --port="$port" > "$work/emulator.log" 2>&1 &
pids+=($!)
root="http://127.0.0.1:$port"
until curl -s -o /dev/null "$root/v1/projects/soak/topics"; do sleep 1; done
curl -s -X PUT "$root/v1/projects/soak/topics/logs" >/dev/null
curl -s -X PUT "$root/v1/projects/soak/subscriptions/pipeline" -H 'Content-Type: application/json' \
  -d '{"topic":"projects/soak/topics/logs","ackDeadlineSeconds":60}' >/dev/null

java -Xmx"$heap" -cp "$cp" dev.loggardener.cli.Main stream --runner=DirectRunner \
  --credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory \
  --project=soak --pubsubRootUrl="$root" --inputSubscription=projects/soak/subscriptions/pipeline \
  --duckDbFile="$work/soak.duckdb" --progressSeconds=10 --earlyFiringSeconds="$early" \
  > "$work/stream.out" 2> "$work/stream.log" &
stream=$!
pids+=($stream)
until grep -q " s: received" "$work/stream.log"; do sleep 1; done

start=$(date +%s)
java -Xmx512m -cp "$cp" dev.loggardener.cli.Main replay --topic projects/soak/topics/logs \
  --input "$work/day.jsonl" --rate "$rate" --shift-to-now --pubsub-root-url "$root" \
  > "$work/replay.out" 2> "$work/replay.log" &
replay=$!
pids+=($replay)

samples="$work/samples.csv"
echo "seconds,published,received,counted,backlog,heap_used_kb,rss_kb,load1" > "$samples"
sample() {
  local published received counted heap_kb rss_kb
  published=$(grep -o 'replay: [0-9]*' "$work/replay.log" | tail -1 | awk '{print $2}')
  [[ -z "$published" ]] && published=0
  if ! kill -0 "$replay" 2>/dev/null; then published=$entries; fi
  received=$(grep -o ' s: received [0-9,]*' "$work/stream.log" | tail -1 | awk '{gsub(",","",$4); print $4}')
  counted=$(grep -o 'counted [0-9,]*' "$work/stream.log" | tail -1 | awk '{gsub(",","",$2); print $2}')
  heap_kb=$(jcmd "$stream" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K","",$(i+1)); print $(i+1); exit}}' || true)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$stream/status" 2>/dev/null || true)
  echo "$(( $(date +%s) - start )),$published,${received:-0},${counted:-0},$(( published - ${received:-0} )),${heap_kb:-},${rss_kb:-},$(cut -d' ' -f1 /proc/loadavg)" >> "$samples"
}
while kill -0 "$replay" 2>/dev/null; do sample; sleep 10; done
replay_seconds=$(( $(date +%s) - start ))
# Let the stream take what is still in the subscription, up to five minutes.
for _ in $(seq 1 30); do
  sample
  last=$(tail -1 "$samples")
  [[ $(echo "$last" | cut -d, -f3) -ge $entries ]] && break
  sleep 10
done
kill -TERM "$stream"
wait "$stream" || true
sample

echo "rate: $rate/s for $minutes min, $entries entries, heap cap $heap, early firing $early s"
echo "replay: $(cat "$work/replay.out") (wall $replay_seconds s)"
grep "stream: drained" "$work/stream.log" || { echo "no drain line:"; tail -20 "$work/stream.log"; }
echo "peak backlog: $(cut -d, -f5 "$samples" | tail -n +2 | sort -n | tail -1)"
echo "peak heap used (KB): $(cut -d, -f6 "$samples" | tail -n +2 | sort -n | tail -1)"
echo "peak RSS (KB): $(cut -d, -f7 "$samples" | tail -n +2 | sort -n | tail -1)"
# Latency over entries: for n = 1%..99% of the entries, the first sample where counted >= n minus
# the first sample where published >= n.
awk -F, -v total="$entries" 'NR > 1 { t[NR]=$1; p[NR]=$2; c[NR]=$4; last=NR }
  END {
    for (q = 1; q <= 99; q++) {
      n = total * q / 100; tp = -1; tc = -1
      for (i = 2; i <= last; i++) { if (tp < 0 && p[i] >= n) tp = t[i]; if (tc < 0 && c[i] >= n) tc = t[i] }
      lat[q] = (tp < 0 || tc < 0) ? "n/a" : tc - tp
    }
    print "publish-to-count latency, s (10 s resolution): p50 " lat[50] ", p99 " lat[99]
  }' "$samples"
echo "samples (seconds, published, received, counted, backlog, heap used KB, RSS KB, load1):"
tail -n +2 "$samples"
