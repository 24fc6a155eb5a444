package dev.loggardener.beam;

import dev.loggardener.aggregate.EntryDigest;
import dev.loggardener.sink.DeadLetter;
import java.time.Clock;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.SetState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Admits each entry once per event-time window, and refuses entries whose window has closed.
 *
 * <p>Applied by {@link AggregateByFingerprint} before it windows the entries; the input is in the
 * global window. State lives per deduplication shard and fixed window (the key is both), so it
 * needs no windowed state: the shard is a stable hash of the entry's identity, so all copies of an
 * entry meet in one shard, and a hot fingerprint spreads over all shards.
 *
 * <ul>
 *   <li><b>Duplicates</b>: an identity already admitted for its window is dropped and counted in
 *       {@code dedupe/duplicates}. The state holds each admitted identity's 128-bit {@link
 *       EntryDigest}, not the identity. The horizon is the window's lifetime: from the first copy
 *       until the watermark passes the window end plus the allowed lateness. Because the identity
 *       contains the entry's timestamp, every copy belongs to the same window, so no copy is
 *       counted twice while its window accepts data.
 *   <li><b>Too late</b>: a timer at window end plus allowed lateness closes the shard's window and
 *       frees its identities. Entries arriving for a closed shard window become dead letters with
 *       reason {@code too_late} (counter {@code aggregate/too_late}). The closed mark is kept for
 *       the too-late retention, then forgotten. A shard that saw no entry of a window before it
 *       closed cannot know it closed; it admits the entry, which the aggregation then counts in a
 *       late pane (its allowed lateness includes the retention). After the retention the
 *       aggregation's runner drops such entries and counts them as dropped due to lateness.
 * </ul>
 */
public final class DeduplicateEntries
    extends PTransform<PCollection<NormalizedEntry>, StageResult<NormalizedEntry>> {
  private static final TupleTag<NormalizedEntry> ADMITTED = new TupleTag<>() {};
  private static final TupleTag<DeadLetter> TOO_LATE = new TupleTag<>() {};

  private final Duration windowSize;
  private final Duration allowedLateness;
  private final Duration retention;
  private final int shards;
  private final Clock clock;

  private DeduplicateEntries(
      Duration windowSize, Duration allowedLateness, Duration retention, int shards, Clock clock) {
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.retention = retention;
    this.shards = shards;
    this.clock = clock;
  }

  /**
   * Deduplicates per fixed window, closing each window {@code allowedLateness} after its end.
   *
   * @param retention how long a closed window is remembered
   * @param shards how many keys per window the state is spread over
   * @param clock the clock that stamps dead letters' processing time
   */
  public static DeduplicateEntries within(
      Duration windowSize, Duration allowedLateness, Duration retention, int shards, Clock clock) {
    return new DeduplicateEntries(windowSize, allowedLateness, retention, shards, clock);
  }

  @Override
  public StageResult<NormalizedEntry> expand(PCollection<NormalizedEntry> input) {
    PipelineCoders.registerOn(input.getPipeline());
    PCollectionTuple admitted =
        input
            .apply("KeyByShardAndWindow", ParDo.of(new KeyByShardAndWindowFn(windowSize, shards)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), NormalizedEntryCoder.of()))
            .apply(
                "AdmitFirstCopies",
                ParDo.of(
                        new AdmitFn(FixedWindows.of(windowSize), allowedLateness, retention, clock))
                    .withOutputTags(ADMITTED, TupleTagList.of(TOO_LATE)));
    return StageResult.of(
        admitted.get(ADMITTED).setCoder(NormalizedEntryCoder.of()), admitted.get(TOO_LATE));
  }

  /** FNV-1a over the identity's characters: stable across JVMs, runs and workers. */
  static int shardOf(String identity, int shards) {
    int hash = 0x811c9dc5;
    for (int i = 0; i < identity.length(); i++) {
      hash = (hash ^ identity.charAt(i)) * 0x01000193;
    }
    return Math.floorMod(hash, shards);
  }

  private static final class KeyByShardAndWindowFn
      extends DoFn<NormalizedEntry, KV<String, NormalizedEntry>> {
    private final FixedWindows windows;
    private final int shards;

    KeyByShardAndWindowFn(Duration windowSize, int shards) {
      this.windows = FixedWindows.of(windowSize);
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element NormalizedEntry entry,
        @Timestamp Instant timestamp,
        OutputReceiver<KV<String, NormalizedEntry>> out) {
      long windowStart = windows.assignWindow(timestamp).start().getMillis();
      out.output(KV.of(shardOf(entry.identity(), shards) + "@" + windowStart, entry));
    }
  }

  private static final class AdmitFn extends DoFn<KV<String, NormalizedEntry>, NormalizedEntry> {
    private final Counter duplicates = Metrics.counter("dedupe", "duplicates");
    private final Counter admittedCount = Metrics.counter("dedupe", "admitted");
    private final Counter tooLate = Metrics.counter("aggregate", "too_late");
    private final FixedWindows windows;
    private final Duration allowedLateness;
    private final Duration retention;
    private final Clock clock;

    @StateId("seen")
    private final StateSpec<SetState<EntryDigest>> seenSpec = StateSpecs.set(EntryDigestCoder.of());

    @StateId("closed")
    private final StateSpec<ValueState<Boolean>> closedSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("close")
    private final TimerSpec closeSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    AdmitFn(FixedWindows windows, Duration allowedLateness, Duration retention, Clock clock) {
      this.windows = windows;
      this.allowedLateness = allowedLateness;
      this.retention = retention;
      this.clock = clock;
    }

    @ProcessElement
    public void process(
        @Element KV<String, NormalizedEntry> element,
        @Timestamp Instant timestamp,
        @StateId("seen") SetState<EntryDigest> seen,
        @StateId("closed") ValueState<Boolean> closed,
        @TimerId("close") Timer close,
        MultiOutputReceiver out) {
      NormalizedEntry entry = element.getValue();
      Instant closesAt = windows.assignWindow(timestamp).maxTimestamp().plus(allowedLateness);
      if (Boolean.TRUE.equals(closed.read())) {
        tooLate.inc();
        out.get(TOO_LATE).output(tooLateLetter(entry, closesAt));
        return;
      }
      EntryDigest digest = EntryDigest.of(entry.identity());
      if (seen.contains(digest).read()) {
        duplicates.inc();
        return;
      }
      seen.add(digest);
      close.set(closesAt);
      admittedCount.inc();
      out.get(ADMITTED).output(entry);
    }

    @OnTimer("close")
    public void onClose(
        OnTimerContext context,
        @StateId("seen") SetState<EntryDigest> seen,
        @StateId("closed") ValueState<Boolean> closed,
        @TimerId("forget") Timer forget) {
      seen.clear();
      closed.write(true);
      forget.set(context.fireTimestamp().plus(retention));
    }

    @OnTimer("forget")
    public void onForget(@StateId("closed") ValueState<Boolean> closed) {
      closed.clear();
    }

    private DeadLetter tooLateLetter(NormalizedEntry entry, Instant closedAt) {
      return new DeadLetter(
          entry.raw().payload(),
          entry.raw().attributes(),
          entry.raw().messageId(),
          DeadLetter.Stage.AGGREGATE,
          "too_late",
          null,
          "its window closed when the watermark passed " + closedAt,
          null,
          entry.observation().timestamp(),
          clock.instant(),
          entry.observation().identity().ruleSetVersion());
    }
  }
}
