package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueAccumulatorsByWindow;
import dev.loggardener.aggregate.IssueAggregate;
import dev.loggardener.aggregate.IssueObservation;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.aggregate.PaneTiming;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Counts fingerprinted entries per fingerprint (and service) in fixed event-time windows.
 *
 * <p>Works on bounded and unbounded input. The runner's windows ("firing windows") are {@link
 * AggregationSettings#windowsPerFiring()} windows long; every pane holds one row per window of
 * {@link AggregationSettings#windowSize()} in which the fingerprint has entries. Panes, of the
 * firing window:
 *
 * <ul>
 *   <li>EARLY panes, every {@code earlyFiringDelay} of processing time after a pane's first entry,
 *       when that delay is not zero;
 *   <li>one ON_TIME pane, unless early panes took every entry, when the watermark passes the end of
 *       the window (bounded input: at the end of the input);
 *   <li>a LATE pane for each late entry within the allowed lateness.
 * </ul>
 *
 * <p>Panes <b>discard</b>: each row counts only the entries that arrived since the previous pane of
 * its window, so summing {@code entry_count} over all rows of a window gives its exact total, and
 * rows never need updating. First/last seen, severity, examples and bounded sets describe the
 * pane's own entries.
 *
 * <p>Before counting, {@link DeduplicateEntries} drops repeated copies of an entry and turns
 * entries arriving after their firing window closed into {@code too_late} dead letters ({@link
 * #failures()} of the result). Each bundle is summed per fingerprint and window before the shuffle
 * ({@link CombineWithinBundleFn}, also on runners that do not lift combiners), the combine is
 * liftable, and a hot fingerprint is fanned out over {@code hotKeyFanout} intermediate keys, so one
 * fingerprint with most of the traffic does not serialize the pipeline. Counters: {@code
 * aggregate/rows}, {@code aggregate/entries}, plus those of {@link DeduplicateEntries}.
 */
public final class AggregateByFingerprint
    extends PTransform<PCollection<NormalizedEntry>, StageResult<IssueWindow>> {
  /** Bounds how many partial aggregates {@link CombineWithinBundleFn} holds for one bundle. */
  private static final int MAX_PARTIALS_PER_BUNDLE = 10_000;

  private static final long WINDOWS_PER_KEY = 64;

  private final AggregationSettings settings;
  private final Clock clock;

  private AggregateByFingerprint(AggregationSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Aggregates with the given windowing and bounds.
   *
   * @param clock the clock that stamps dead letters' processing time
   */
  public static AggregateByFingerprint with(AggregationSettings settings, Clock clock) {
    return new AggregateByFingerprint(settings, clock);
  }

  @Override
  public StageResult<IssueWindow> expand(PCollection<NormalizedEntry> input) {
    PipelineCoders.registerOn(input.getPipeline());
    StageResult<NormalizedEntry> admitted =
        input.apply(
            "DeduplicateEntries",
            DeduplicateEntries.within(
                settings.firingWindowSize(),
                settings.allowedLateness(),
                settings.tooLateRetention(),
                settings.dedupeShards(),
                clock));
    PCollection<IssueWindow> windows =
        admitted
            .output()
            .apply(
                "AssignEventTimeWindows",
                Window.<NormalizedEntry>into(FixedWindows.of(settings.firingWindowSize()))
                    .triggering(trigger())
                    .withAllowedLateness(
                        settings.allowedLateness().plus(settings.tooLateRetention()))
                    // With early panes the on-time pane can be empty (the early ones took every
                    // entry); a row of no entries is not a count, and the combine refuses one.
                    .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
                    .discardingFiredPanes())
            .apply(
                "KeyByFingerprint", ParDo.of(new KeyByFingerprintFn(settings.firingWindowSize())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), IssueObservationCoder.of()))
            .apply(
                "CombineWithinBundles",
                ParDo.of(
                    new CombineWithinBundleFn(
                        windowSize(), settings.limits(), MAX_PARTIALS_PER_BUNDLE)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), IssueAggregateCoder.of()))
            .apply("CombinePerFingerprint", combine())
            .apply("ToIssueWindows", ParDo.of(new ToIssueWindowFn(windowSize())));
    return StageResult.of(windows, admitted.failures());
  }

  /**
   * Fan-out adds an intermediate combine whose panes the final combine regroups, so with fan-out a
   * late partial can land in the on-time row; sums stay exact either way.
   */
  private PTransform<
          PCollection<KV<String, IssueAggregate>>, PCollection<KV<String, List<IssueAggregate>>>>
      combine() {
    Combine.PerKey<String, IssueAggregate, List<IssueAggregate>> perKey =
        Combine.perKey(new CombineIssuesFn(windowSize(), settings.limits()));
    return settings.hotKeyFanout() == 1 ? perKey : perKey.withHotKeyFanout(settings.hotKeyFanout());
  }

  private java.time.Duration windowSize() {
    return java.time.Duration.ofMillis(settings.windowSize().getMillis());
  }

  private Trigger trigger() {
    AfterPane late = AfterPane.elementCountAtLeast(1);
    if (settings.earlyFiringDelay().equals(org.joda.time.Duration.ZERO)) {
      return AfterWatermark.pastEndOfWindow().withLateFirings(late);
    }
    return AfterWatermark.pastEndOfWindow()
        .withEarlyFirings(
            AfterProcessingTime.pastFirstElementInPane().plusDelayOf(settings.earlyFiringDelay()))
        .withLateFirings(late);
  }

  /**
   * Keys by group key and a run of {@value #WINDOWS_PER_KEY} consecutive runner windows. The run in
   * the key changes no grouping (the combine groups per key and window anyway), but it bounds how
   * many windows one key holds: a runner keeps a key's windows in one state table, and the
   * DirectRunner rescans that table on every commit, which made a busy fingerprint with a day of
   * one-minute windows cost time quadratic in the windows.
   */
  private static final class KeyByFingerprintFn
      extends DoFn<NormalizedEntry, KV<String, IssueObservation>> {
    private final long windowMillis;

    KeyByFingerprintFn(org.joda.time.Duration windowSize) {
      this.windowMillis = windowSize.getMillis();
    }

    @ProcessElement
    public void process(
        @Element NormalizedEntry entry,
        BoundedWindow window,
        OutputReceiver<KV<String, IssueObservation>> out) {
      long run =
          Math.floorDiv(((IntervalWindow) window).start().getMillis(), windowMillis)
              / WINDOWS_PER_KEY;
      out.output(
          KV.of(entry.observation().identity().groupKey() + '\u001f' + run, entry.observation()));
    }
  }

  /** One row per window of {@code windowSize} in the pane, each with the pane's timing. */
  private static final class ToIssueWindowFn
      extends DoFn<KV<String, List<IssueAggregate>>, IssueWindow> {
    private final Counter rows = Metrics.counter("aggregate", "rows");
    private final Counter entries = Metrics.counter("aggregate", "entries");
    private final java.time.Duration windowSize;

    ToIssueWindowFn(java.time.Duration windowSize) {
      this.windowSize = windowSize;
    }

    @ProcessElement
    public void process(
        @Element KV<String, List<IssueAggregate>> element,
        PaneInfo pane,
        OutputReceiver<IssueWindow> out) {
      for (IssueAggregate aggregate : element.getValue()) {
        Instant start = IssueAccumulatorsByWindow.windowStart(aggregate.firstSeen(), windowSize);
        rows.inc();
        entries.inc(aggregate.entryCount());
        out.output(
            new IssueWindow(
                aggregate,
                start,
                start.plus(windowSize),
                timing(pane.getTiming()),
                pane.getIndex()));
      }
    }

    /**
     * Runners that fire a window once without triggers report UNKNOWN: that is the on-time pane.
     */
    private static PaneTiming timing(PaneInfo.Timing timing) {
      return switch (timing) {
        case EARLY -> PaneTiming.EARLY;
        case LATE -> PaneTiming.LATE;
        case ON_TIME, UNKNOWN -> PaneTiming.ON_TIME;
      };
    }
  }
}
