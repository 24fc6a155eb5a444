#!/usr/bin/env bash
# Soak bench (not part of CI): the real Pub/Sub emulator, `stream` on the DirectRunner into DuckDB,
# and `replay` publishing a generated day at a fixed rate for a fixed time. Every 10 s it samples
# what was published and, from the stream's progress line, received and counted, plus the stream's
# heap and RSS; at the end it sends SIGTERM (the stream drains) and checks that published =
# counted + dead-lettered + duplicates.
#
# Backlog = published - received. Publish-to-row latency is read off two curves: the n-th message
# was published when `published` reached n and accounted for (counted in a fired pane, which goes
# to the store in the same batch, dead-lettered or dropped as a duplicate) when counted +
# dead-lettered + duplicates reached n; p50/p99 are taken over messages, at the resolution of the
# samples (SAMPLE seconds). Samples, logs and the summary stay in OUT (default
# target/soak-RATE-MINUTES), so that a run can be read again.
#
# TIMING says how the replayed entries are timed: `live` (default) times each entry as it is
# published, as a sink delivers logs written now; `shifted` keeps the day's gaps and moves it to end
# now, so that event time runs MINUTES-into-a-day times faster than the clock and nearly every
# entry opens a window of its own.
#
#   bench/soak.sh 1000 10            # 1,000 messages/s for 10 minutes
#   EARLY=5 HEAP=2g TIMING=shifted bench/soak.sh 200 2
#   ACK_DEADLINE=20 bench/soak.sh 200 1   # the short version .ci/run runs
#
# It exits with status 1 unless the accounting holds: the stream's closing line balanced, and
# published = received + what was left in the subscription. ACK_DEADLINE (default 60 s) is the
# subscription's; what the stream leased but never read is counted once its lease has lapsed.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:?usage: bench/soak.sh RATE MINUTES}
minutes=${2:?usage: bench/soak.sh RATE MINUTES}
heap=${HEAP:-2g}
early=${EARLY:-10}
case ${TIMING:-live} in
  live) timing=--time-as-published ;;
  shifted) timing=--shift-to-now ;;
  *) echo "TIMING must be live or shifted, got $TIMING"; exit 2 ;;
esac
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
ack_deadline=${ACK_DEADLINE:-60}
# Beam wants a project id as Google Cloud spells them: 6 to 30 characters, starting with a letter.
project=${PROJECT:-soak-bench}
every=${SAMPLE:-5}
out=${OUT:-target/soak-$rate-$minutes}
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  cp "$work"/*.log "$work"/*.out "$work"/samples.csv "$out"/ 2>/dev/null || true
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
until curl -s -o /dev/null "$root/v1/projects/$project/topics"; do sleep 1; done
curl -s -X PUT "$root/v1/projects/$project/topics/logs" >/dev/null
curl -s -X PUT "$root/v1/projects/$project/subscriptions/pipeline" -H 'Content-Type: application/json' \
  -d "{\"topic\":\"projects/$project/topics/logs\",\"ackDeadlineSeconds\":$ack_deadline}" >/dev/null

java -Xmx"$heap" -cp "$cp" dev.loggardener.cli.Main stream --runner=DirectRunner \
  --credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory \
  --project="$project" --pubsubRootUrl="$root" --inputSubscription=projects/$project/subscriptions/pipeline \
  --duckDbFile="$work/soak.duckdb" --progressSeconds=10 --earlyFiringSeconds="$early" ${STREAM_ARGS:-} \
  > "$work/stream.out" 2> "$work/stream.log" &
stream=$!
pids+=($stream)
until grep -qs " s: received" "$work/stream.log"; do
  kill -0 "$stream" 2>/dev/null || { echo "stream did not start:"; tail -5 "$work/stream.log"; exit 1; }
  sleep 1
done

start=$(date +%s)
java -Xmx512m -cp "$cp" dev.loggardener.cli.Main replay --topic projects/$project/topics/logs \
  --input "$work/day.jsonl" --rate "$rate" "$timing" --pubsub-root-url "$root" \
  > "$work/replay.out" 2> "$work/replay.log" &
replay=$!
pids+=($replay)

samples="$work/samples.csv"
echo "seconds,published,received,counted,dead_lettered,duplicates,accounted,backlog,heap_used_kb,rss_kb,load1" > "$samples"
# The latest progress line's value of one field, without thousands separators.
field() {
  grep -o " s: received .*" "$work/stream.log" | tail -1 | grep -o "$1 [0-9,]*" | head -1 \
    | awk '{gsub(",","",$NF); print $NF}' || true
}
sample() {
  local published received counted dead duplicates heap_kb rss_kb
  published=$(grep -o 'replay: [0-9]*' "$work/replay.log" | tail -1 | awk '{print $2}' || true)
  [[ -z "$published" ]] && published=0
  if ! kill -0 "$replay" 2>/dev/null; then published=$entries; fi
  received=$(field received); counted=$(field counted)
  dead=$(field dead-lettered); duplicates=$(field duplicates)
  heap_kb=$(jcmd "$stream" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K","",$(i+1)); print $(i+1); exit}}' || true)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$stream/status" 2>/dev/null || true)
  echo "$(( $(date +%s) - start )),$published,${received:-0},${counted:-0},${dead:-0},${duplicates:-0},$(( ${counted:-0} + ${dead:-0} + ${duplicates:-0} )),$(( published - ${received:-0} )),${heap_kb:-},${rss_kb:-},$(cut -d' ' -f1 /proc/loadavg)" >> "$samples"
}
while kill -0 "$replay" 2>/dev/null; do sample; sleep "$every"; done
replay_seconds=$(( $(date +%s) - start ))
# Let the stream take what is still in the subscription, up to five minutes.
for _ in $(seq 1 $(( 300 / every ))); do
  sample
  last=$(tail -1 "$samples")
  [[ $(echo "$last" | cut -d, -f3) -ge $entries ]] && break
  sleep "$every"
done
kill -TERM "$stream"
wait "$stream" || true
sample
# What the stream did not read is still in the subscription: pull and acknowledge it, counting, so
# that published = received + left over, and received = counted + dead-lettered + duplicates. With
# a backlog of hundreds of thousands the emulator answers a pull of 100 in seconds, so the count
# stops after LEFT_SECONDS (default 120) and says so.
# Messages the stream had pulled but not yet read stay leased until their ack deadline.
sleep $(( ack_deadline + 5 ))
left=0
empty=0
pull_until=$(( $(date +%s) + ${LEFT_SECONDS:-120} ))
while (( empty < 3 )) && (( $(date +%s) < pull_until )); do
  curl -s -X POST "$root/v1/projects/$project/subscriptions/pipeline:pull" \
    -H 'Content-Type: application/json' -d '{"maxMessages":1000,"returnImmediately":true}' \
    > "$work/pulled.json"
  ids=$(grep -o '"ackId": *"[^"]*"' "$work/pulled.json" | sed 's/.*: *//' | paste -sd, - || true)
  if [[ -z "$ids" ]]; then empty=$(( empty + 1 )); sleep 1; continue; fi
  empty=0
  left=$(( left + $(echo "$ids" | tr ',' '\n' | wc -l) ))
  curl -s -X POST "$root/v1/projects/$project/subscriptions/pipeline:acknowledge" \
    -H 'Content-Type: application/json' -d "{\"ackIds\":[$ids]}" >/dev/null
done
left_note="all of it (the subscription answered empty)"
(( empty < 3 )) && left_note="stopped after ${LEFT_SECONDS:-120} s, more remained"

{
echo "rate: $rate/s for $minutes min, $entries entries ($timing), heap cap $heap, early firing $early s"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); started $(date -u -d @"$start" +%H:%M:%S) UTC"
echo "replay: $(cat "$work/replay.out") (wall $replay_seconds s)"
grep "stream: drained" "$work/stream.log" || { echo "no drain line:"; tail -20 "$work/stream.log"; }
echo "left unread in the subscription after the drain: pulled $left, $left_note"
if command -v duckdb >/dev/null; then
  echo "store: $(duckdb -readonly -csv -noheader "$work/soak.duckdb" \
    "select 'sum(entry_count) ' || coalesce(sum(entry_count), 0) || ', dead letters ' || (select count(*) from dead_letters) from issue_windows")"
fi
echo "peak backlog: $(cut -d, -f8 "$samples" | tail -n +2 | sort -n | tail -1)"
echo "peak heap used (KB): $(cut -d, -f9 "$samples" | tail -n +2 | sort -n | tail -1)"
echo "peak RSS (KB): $(cut -d, -f10 "$samples" | tail -n +2 | sort -n | tail -1)"
# Latency over messages: the n-th message's latency, for n at every 0.1 % of the messages, is the
# first sample where accounted >= n minus the first sample where published >= n; p50 and p99 are
# the percentiles of those latencies (a message late in the run is not necessarily a slow one).
awk -F, -v total="$entries" 'NR > 1 { t[NR]=$1; p[NR]=$2; c[NR]=$7; last=NR }
  END {
    for (q = 1; q <= 1000; q++) {
      n = total * q / 1000; tp = -1; tc = -1
      for (i = 2; i <= last; i++) { if (tp < 0 && p[i] >= n) tp = t[i]; if (tc < 0 && c[i] >= n) tc = t[i] }
      # Not accounted for by the last sample (the drain comes after it): slower than any measured.
      lat[q] = (tp < 0 || tc < 0) ? 1e9 : tc - tp
      for (j = q; j > 1 && lat[j - 1] > lat[j]; j--) { x = lat[j]; lat[j] = lat[j - 1]; lat[j - 1] = x }
    }
    print "publish-to-row latency, s (" res " s resolution): p50 " shown(lat[500]) ", p99 " shown(lat[990])
  }
  function shown(s) { return s == 1e9 ? "after the last sample" : s
  }' res="$every" "$samples"
echo "samples: $(head -1 "$samples")"
tail -n +2 "$samples"
} | tee "$work/summary.out"

received=$(grep -o "stream: drained: received [0-9,]*" "$work/stream.log" | grep -o "[0-9,]*$" | tr -d , || true)
if grep -q "stream: drained: .*(balanced)" "$work/stream.log" && (( empty >= 3 )) \
    && (( ${received:-0} + left == entries )); then
  echo "accounting holds: published $entries = received $received + left $left; received balanced"
else
  echo "ACCOUNTING FAILS: published $entries, received ${received:-none}, left $left, closing line:" \
    "$(grep "stream: drained" "$work/stream.log" || echo none)"
  exit 1
fi
