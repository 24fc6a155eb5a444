package dev.loggardener.beam;

import static org.junit.Assert.assertEquals;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.aggregate.Observations;
import dev.loggardener.jobs.LocalRun;
import dev.loggardener.sink.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class AggregateByFingerprintTest {
  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  static final Clock CLOCK =
      Clock.fixed(java.time.Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Duration LATENESS = Duration.standardMinutes(5);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static AggregationSettings settings(Duration earlyFiringDelay, int fanout, int shards) {
    return settings(1, earlyFiringDelay, fanout, shards);
  }

  static AggregationSettings settings(
      int windowsPerFiring, Duration earlyFiringDelay, int fanout, int shards) {
    return new AggregationSettings(
        MINUTE,
        windowsPerFiring,
        LATENESS,
        earlyFiringDelay,
        Duration.standardHours(1),
        new AggregationLimits(3, 5),
        fanout,
        shards);
  }

  static TimestampedValue<NormalizedEntry> entry(String fingerprint, String id, Instant at) {
    NormalizedEntry e =
        new NormalizedEntry(
            new RawMessage(("payload " + id).getBytes(StandardCharsets.UTF_8), null, "m-" + id),
            "log|" + at + "|" + id,
            Observations.of(
                fingerprint, "message " + id, java.time.Instant.ofEpochMilli(at.getMillis())));
    return TimestampedValue.of(e, at);
  }

  private StageResult<IssueWindow> aggregate(
      TestStream<NormalizedEntry> stream, AggregationSettings s) {
    return p.apply(stream).apply(AggregateByFingerprint.with(s, CLOCK));
  }

  private static PCollection<String> summaries(StageResult<IssueWindow> result) {
    return summaries(result, "Summarize");
  }

  private static PCollection<String> summaries(StageResult<IssueWindow> result, String step) {
    return result
        .output()
        .apply(
            step,
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (IssueWindow w) ->
                        w.aggregate().identity().fingerprint()
                            + " "
                            + w.aggregate().entryCount()
                            + " "
                            + w.paneTiming()
                            + " "
                            + w.paneIndex()));
  }

  private static TestStream.Builder<NormalizedEntry> stream() {
    return TestStream.create(NormalizedEntryCoder.of()).advanceWatermarkTo(T0);
  }

  private static IntervalWindow window(int minute) {
    return new IntervalWindow(T0.plus(MINUTE.multipliedBy(minute)), MINUTE);
  }

  @Test
  public void emitsOneOnTimePanePerFingerprintWithExactCounts() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(
                entry("f1", "a", T0.plus(1_000)),
                entry("f1", "b", T0.plus(2_000)),
                entry("f2", "c", T0.plus(3_000)),
                entry("f1", "d", T0.plus(59_999)))
            .advanceWatermarkTo(T0.plus(61_000))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.ZERO, 1, 4));

    PAssert.that(summaries(result))
        .inOnTimePane(window(0))
        .containsInAnyOrder("f1 3 ON_TIME 0", "f2 1 ON_TIME 0");
    PAssert.that(result.failures()).empty();
    p.run();
  }

  @Test
  public void emitsEarlyPaneAndThenOnlyTheRemainderOnTime() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(entry("f1", "a", T0.plus(1_000)), entry("f1", "b", T0.plus(2_000)))
            .advanceProcessingTime(Duration.standardSeconds(11))
            .addElements(entry("f1", "c", T0.plus(3_000)))
            .advanceWatermarkTo(T0.plus(61_000))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.standardSeconds(10), 1, 4));

    PAssert.that(summaries(result)).containsInAnyOrder("f1 2 EARLY 0", "f1 1 ON_TIME 1");
    PAssert.that(result.failures()).empty();
    p.run();
  }

  @Test
  public void emitsLatePaneWithinAllowedLateness() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(entry("f1", "a", T0.plus(1_000)), entry("f1", "b", T0.plus(2_000)))
            .advanceWatermarkTo(T0.plus(Duration.standardMinutes(3)))
            .addElements(entry("f1", "late", T0.plus(30_000)))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.ZERO, 1, 4));

    PAssert.that(summaries(result)).containsInAnyOrder("f1 2 ON_TIME 0", "f1 1 LATE 1");
    p.run();
  }

  @Test
  public void routesEntriesPastAllowedLatenessToDeadLettersAndCountsThem() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(entry("f1", "a", T0.plus(1_000)))
            .advanceWatermarkTo(T0.plus(MINUTE).plus(LATENESS).plus(1_000))
            .addElements(entry("f1", "too-late", T0.plus(2_000)))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.ZERO, 1, 1));

    PAssert.that(summaries(result)).containsInAnyOrder("f1 1 ON_TIME 0");
    PAssert.that(result.failures())
        .satisfies(
            letters -> {
              List<DeadLetter> all = new ArrayList<>();
              letters.forEach(all::add);
              assertEquals(1, all.size());
              DeadLetter d = all.get(0);
              assertEquals("too_late", d.reason());
              assertEquals(DeadLetter.Stage.AGGREGATE, d.stage());
              assertEquals("payload too-late", new String(d.rawPayload(), StandardCharsets.UTF_8));
              assertEquals("m-too-late", d.messageId());
              assertEquals(CLOCK.instant(), d.processingTime());
              assertEquals(java.time.Instant.parse("2026-11-28T10:00:02Z"), d.eventTime());
              return null;
            });
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, LocalRun.counter(run, "aggregate", "too_late"));
  }

  @Test
  public void countsRepeatedCopiesOfAnEntryOnce() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(
                entry("f1", "a", T0.plus(1_000)),
                entry("f1", "a", T0.plus(1_000)),
                entry("f1", "b", T0.plus(1_000)))
            .advanceWatermarkTo(T0.plus(Duration.standardMinutes(2)))
            .addElements(entry("f1", "a", T0.plus(1_000)))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.ZERO, 1, 4));

    PAssert.that(summaries(result)).containsInAnyOrder("f1 2 ON_TIME 0");
    PAssert.that(result.failures()).empty();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(2, LocalRun.counter(run, "dedupe", "duplicates"));
  }

  @Test
  public void emitsNothingForAWindowWithoutEntries() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(entry("f1", "a", T0.plus(1_000)), entry("f1", "b", T0.plus(121_000)))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.ZERO, 1, 4));

    PCollection<String> rows = summaries(result);
    PAssert.that(rows).inWindow(window(0)).containsInAnyOrder("f1 1 ON_TIME 0");
    PAssert.that(rows).inWindow(window(1)).empty();
    PAssert.that(rows).inWindow(window(2)).containsInAnyOrder("f1 1 ON_TIME 0");
    p.run();
  }

  @Test
  public void combinesAHotFingerprintThroughFanoutWithExactTotals() {
    TestStream.Builder<NormalizedEntry> builder = stream();
    List<TimestampedValue<NormalizedEntry>> batch = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      batch.add(entry("health", "h" + i, T0.plus(i * 50L)));
    }
    for (int i = 0; i < 100; i++) {
      batch.add(entry("rare", "r" + i, T0.plus(i * 50L)));
    }
    TestStream<NormalizedEntry> s =
        builder
            .addElements(
                batch.get(0), batch.subList(1, batch.size()).toArray(TimestampedValue[]::new))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(Duration.ZERO, 16, 8));

    PAssert.that(summaries(result))
        .containsInAnyOrder("health 900 ON_TIME 0", "rare 100 ON_TIME 0");
    p.run();
  }

  @Test
  public void firingAnHourOfWindowsTogetherWritesTheRowsOfFiringEachWindowLateOnesIncluded() {
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(
                entry("f1", "a", T0.plus(1_000)),
                entry("f1", "a", T0.plus(1_000)),
                entry("f1", "b", T0.plus(59_999)),
                entry("f2", "c", T0.plus(60_000)),
                entry("f1", "d", T0.plus(61_000)),
                entry("f1", "e", T0.plus(Duration.standardMinutes(59)).plus(1)),
                entry("f1", "f", T0.plus(Duration.standardMinutes(60))))
            .advanceWatermarkTo(T0.plus(Duration.standardMinutes(61)))
            .addElements(entry("f1", "g", T0.plus(Duration.standardSeconds(59 * 60 + 30))))
            .advanceWatermarkToInfinity();
    PCollection<NormalizedEntry> entries = p.apply(s);
    List<String> rows =
        List.of(
            "f1 10:00:00Z-10:01:00Z 2 ON_TIME 0",
            "f2 10:01:00Z-10:02:00Z 1 ON_TIME 0",
            "f1 10:01:00Z-10:02:00Z 1 ON_TIME 0",
            "f1 10:59:00Z-11:00:00Z 1 ON_TIME 0",
            "f1 10:59:00Z-11:00:00Z 1 LATE 1",
            "f1 11:00:00Z-11:01:00Z 1 ON_TIME 0");

    for (int windowsPerFiring : new int[] {1, 60}) {
      StageResult<IssueWindow> result =
          entries.apply(
              "Aggregate" + windowsPerFiring,
              AggregateByFingerprint.with(settings(windowsPerFiring, Duration.ZERO, 1, 4), CLOCK));
      PAssert.that(
              result
                  .output()
                  .apply(
                      "Describe" + windowsPerFiring,
                      MapElements.into(TypeDescriptors.strings())
                          .via(
                              (IssueWindow w) ->
                                  w.aggregate().identity().fingerprint()
                                      + " "
                                      + w.windowStart().toString().substring(11)
                                      + "-"
                                      + w.windowEnd().toString().substring(11)
                                      + " "
                                      + w.aggregate().entryCount()
                                      + " "
                                      + w.paneTiming()
                                      + " "
                                      + w.paneIndex())))
          .containsInAnyOrder(rows);
    }
    p.run();
  }

  @Test
  public void firingWindowsTogetherKeepsACopyAPastMinuteAndRefusesEntriesOnlyOnceTheyAllClosed() {
    Duration hour = Duration.standardHours(1);
    TestStream<NormalizedEntry> s =
        stream()
            .addElements(entry("f1", "a", T0.plus(1_000)))
            .advanceWatermarkTo(T0.plus(MINUTE).plus(LATENESS).plus(1_000))
            .addElements(entry("f1", "a", T0.plus(1_000)), entry("f1", "b", T0.plus(2_000)))
            .advanceWatermarkTo(T0.plus(hour).plus(LATENESS).plus(1_000))
            .addElements(entry("f1", "too-late", T0.plus(3_000)))
            .advanceWatermarkToInfinity();

    StageResult<IssueWindow> result = aggregate(s, settings(60, Duration.ZERO, 1, 1));

    PAssert.that(summaries(result)).containsInAnyOrder("f1 2 ON_TIME 0");
    PAssert.that(result.failures())
        .satisfies(
            letters -> {
              List<DeadLetter> all = new ArrayList<>();
              letters.forEach(all::add);
              assertEquals(1, all.size());
              assertEquals("m-too-late", all.get(0).messageId());
              assertEquals(
                  "its window closed when the watermark passed 2026-11-28T11:04:59.999Z",
                  all.get(0).errorMessage());
              return null;
            });
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, LocalRun.counter(run, "dedupe", "duplicates"));
    assertEquals(1, LocalRun.counter(run, "aggregate", "too_late"));
  }
}
