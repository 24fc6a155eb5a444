package dev.loggardener.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.loggardener.logentry.ExportPlan;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * ReadExportsInTimeOrder: every entry once, and a watermark that never passes an unread entry, so
 * windows with no allowed lateness drop nothing even when the file is newest first.
 */
@RunWith(JUnit4.class)
public class ReadExportsInTimeOrderTest {
  private static final Instant START = Instant.parse("2025-09-11T00:00:00Z");
  private static final int ENTRIES = 600;

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void closesWindowsWhileReadingANewestFirstExportWithoutDroppingAnEntry()
      throws IOException {
    readsEveryEntryIntoItsWindowWithNoLateness(
        plan(export("newest-first.jsonl", newestFirst()), 256), "newest-first\\.jsonl");
  }

  /**
   * A file in random time order is sorted into time ranges while planning; read in plan order, its
   * windows still lose nothing with no allowed lateness, and every entry keeps a distinct id.
   */
  @Test
  public void closesWindowsWhileReadingAShuffledExportWithoutDroppingAnEntry() throws IOException {
    List<String> lines = newestFirst();
    Collections.shuffle(lines, new Random(20261206L));
    List<ExportPlan.Slice> plan = plan(export("shuffled.jsonl", lines), 256);
    assertTrue(
        "the shuffled file was sorted into a spool",
        plan.stream().allMatch(slice -> slice.layout() == ExportPlan.Layout.FRAMES));
    readsEveryEntryIntoItsWindowWithNoLateness(plan, "shuffled\\.jsonl");
  }

  private void readsEveryEntryIntoItsWindowWithNoLateness(
      List<ExportPlan.Slice> plan, String fileName) {
    PCollection<RawMessage> read = p.apply(ReadExportsInTimeOrder.of(plan));
    PCollection<Long> perWindow =
        read.apply(
                "AtEventTime",
                WithTimestamps.of(ReadExportsInTimeOrderTest::eventTime)
                    .withAllowedTimestampSkew(Duration.millis(Long.MAX_VALUE)))
            .apply(
                "OneMinuteWindowsNoLateness",
                Window.<RawMessage>into(FixedWindows.of(Duration.standardMinutes(1)))
                    .withAllowedLateness(Duration.ZERO)
                    .discardingFiredPanes())
            .apply(
                "CountPerWindow", Combine.globally(Count.<RawMessage>combineFn()).withoutDefaults())
            .apply("Rewindow", onceAtTheEnd());
    PAssert.that(perWindow.apply("Total", Sum.longsGlobally())).containsInAnyOrder((long) ENTRIES);
    PAssert.that(perWindow.apply("Windows", Count.globally())).containsInAnyOrder(60L);
    PAssert.that(
            read.apply(
                    "MessageIds",
                    MapElements.into(TypeDescriptors.strings()).via(RawMessage::messageId))
                .apply("RewindowIds", onceAtTheEnd()))
        .satisfies(
            ids -> {
              Set<String> distinct = new HashSet<>();
              for (String id : ids) {
                assertTrue(id, id.matches(".*" + fileName + "@\\d+#\\d+"));
                distinct.add(id);
              }
              assertEquals("every id distinct", ENTRIES, distinct.size());
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void splitsThePlanRoundRobinAndAdvancesEachWatermarkToTheNextSlice() throws Exception {
    List<ExportPlan.Slice> plan = plan(newestFirstExport(), 256);
    ReadExportsInTimeOrder.SliceSource source =
        new ReadExportsInTimeOrder.SliceSource(new ArrayList<>(plan));

    List<ReadExportsInTimeOrder.SliceSource> splits =
        source.split(2, PipelineOptionsFactory.create());

    assertEquals(2, splits.size());
    List<ExportPlan.Slice> reread = new ArrayList<>();
    for (ReadExportsInTimeOrder.SliceSource split : splits) {
      UnboundedSource.UnboundedReader<ExportPlan.Slice> reader =
          split.createReader(PipelineOptionsFactory.create(), null);
      List<org.joda.time.Instant> watermarks = new ArrayList<>();
      List<ExportPlan.Slice> inSplit = new ArrayList<>();
      for (boolean more = reader.start(); more; more = reader.advance()) {
        inSplit.add(reader.getCurrent());
        assertEquals(
            ReadExportsInTimeOrder.eventTimeOf(reader.getCurrent()), reader.getCurrentTimestamp());
        watermarks.add(reader.getWatermark());
      }
      for (int i = 0; i < inSplit.size(); i++) {
        org.joda.time.Instant expected =
            i + 1 < inSplit.size()
                ? ReadExportsInTimeOrder.eventTimeOf(inSplit.get(i + 1))
                : BoundedWindow.TIMESTAMP_MAX_VALUE;
        assertEquals("watermark after slice " + i, expected, watermarks.get(i));
        assertTrue(
            "the watermark never goes back",
            i == 0 || !watermarks.get(i).isBefore(watermarks.get(i - 1)));
      }
      assertTrue("a split holds many slices", inSplit.size() > 10);
      reread.addAll(inSplit);
    }
    assertEquals(new HashSet<>(plan), new HashSet<>(reread));
    assertEquals(plan.size(), reread.size());
  }

  @Test
  public void resumesFromItsCheckpointAtTheNextUnreadSlice() throws Exception {
    List<ExportPlan.Slice> plan = plan(newestFirstExport(), 4096);
    ReadExportsInTimeOrder.SliceSource source =
        new ReadExportsInTimeOrder.SliceSource(new ArrayList<>(plan));
    UnboundedSource.UnboundedReader<ExportPlan.Slice> first =
        source.createReader(PipelineOptionsFactory.create(), null);
    first.start();
    first.advance();
    ReadExportsInTimeOrder.NextSlice checkpoint =
        (ReadExportsInTimeOrder.NextSlice) first.getCheckpointMark();

    UnboundedSource.UnboundedReader<ExportPlan.Slice> resumed =
        source.createReader(PipelineOptionsFactory.create(), checkpoint);

    assertTrue(resumed.start());
    assertEquals(plan.get(2), resumed.getCurrent());
  }

  @Test
  public void failsTheRunWhenAFileChangedAfterItWasPlanned() throws IOException {
    Path file = newestFirstExport();
    List<ExportPlan.Slice> plan = plan(file, 1 << 20);
    Files.writeString(file, Files.readString(file) + Files.readString(file));

    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(ReadExportsInTimeOrder.of(plan));

    Exception failure = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    assertTrue(
        String.valueOf(failure.getMessage()),
        String.valueOf(failure.getMessage()).contains("changed after it was planned"));
  }

  /** The read is unbounded: one pane in the global window, fired when the read ends. */
  private static <T> Window<T> onceAtTheEnd() {
    return Window.<T>into(new GlobalWindows())
        .triggering(AfterWatermark.pastEndOfWindow())
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();
  }

  private Path newestFirstExport() throws IOException {
    return export("newest-first.jsonl", newestFirst());
  }

  /** One entry every 6 s over an hour, newest first. */
  private static List<String> newestFirst() {
    List<String> lines = new ArrayList<>();
    for (int i = ENTRIES - 1; i >= 0; i--) {
      Instant time = START.plusSeconds(6L * i);
      lines.add(
          "{\"insertId\":\"e"
              + i
              + "\",\"timestamp\":\""
              + time
              + "\",\"textPayload\":\"served request "
              + i
              + "\"}");
    }
    return lines;
  }

  private Path export(String name, List<String> lines) throws IOException {
    Path file = folder.getRoot().toPath().resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static List<ExportPlan.Slice> plan(Path file, long sliceBytes) throws IOException {
    LogEntryParser parser = new LogEntryParser();
    return ExportPlan.of(
        List.of(file),
        Files.createDirectories(file.resolveSibling("spool")),
        sliceBytes,
        payload -> parser.eventTime(payload, Map.of()),
        1,
        scanned -> {},
        sorted -> {});
  }

  private static org.joda.time.Instant eventTime(RawMessage message) {
    ParseResult result = new LogEntryParser().parse(message.payload(), Map.of());
    String text = new String(message.payload(), StandardCharsets.UTF_8);
    if (!(result instanceof ParseResult.Parsed parsed)) {
      throw new IllegalStateException("test entry did not parse: " + text);
    }
    return new org.joda.time.Instant(parsed.entry().timestamp().toEpochMilli());
  }
}
