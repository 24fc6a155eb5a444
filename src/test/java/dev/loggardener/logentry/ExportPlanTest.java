package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportPlanTest {
  private static final Instant START = Instant.parse("2025-09-11T00:00:00Z");
  private static final LogEntryParser PARSER = new LogEntryParser();
  private static final Function<byte[], Optional<Instant>> EVENT_TIME =
      payload -> PARSER.eventTime(payload, Map.of());

  @TempDir Path dir;
  private Path spool;

  @BeforeEach
  void spoolDirectory() {
    spool = dir.resolve("spool");
  }

  @ParameterizedTest(name = "slices of {0} bytes")
  @ValueSource(longs = {1, 57, 300, 4096, 1 << 20})
  void slicesANewestFirstExportIntoOldestFirstOrderAndReadEveryEntryOnce(long sliceBytes)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (int minute = 59; minute >= 0; minute--) {
      lines.add(entry("e" + minute, START.plusSeconds(60L * minute)));
    }
    Path file = dir.resolve("newest-first.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");

    List<ExportPlan.Slice> plan = plan(List.of(file), sliceBytes, EVENT_TIME, 3, n -> {});

    List<String> read = readAll(plan);
    assertThat(read).containsExactlyInAnyOrderElementsOf(lines);
    assertThat(plan.stream().mapToLong(ExportPlan.Slice::entries).sum()).isEqualTo(60);
    assertThat(plan).isSortedAccordingTo(ExportPlan.PLAN_ORDER);
    ExportPlan.Slice first = plan.stream().filter(s -> s.entries() > 0).findFirst().orElseThrow();
    assertThat(first.earliest()).isEqualTo(START);
    assertThat(
            plan.stream()
                .map(ExportPlan.Slice::latest)
                .filter(t -> t != null)
                .max(Instant::compareTo))
        .contains(START.plusSeconds(60L * 59));
  }

  @Test
  void promisesNoEntryEarlierThanTheNextSlicesEarliestTime() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long jitter = (i * 7919L) % 600;
      lines.add(entry("e" + i, START.plusSeconds(30L * i + jitter)));
    }
    Path file = dir.resolve("jittered.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");

    List<ExportPlan.Slice> plan = plan(List.of(file), 700, EVENT_TIME, 2, n -> {});

    assertNoEntryEarlierThanItsSlicesPromise(plan);
  }

  @Test
  void spoolsGzipAndJsonArraysAndPutsSlicesWithoutEventTimeFirst() throws IOException {
    Path array = dir.resolve("array.json");
    Files.writeString(
        array,
        "[\n  " + entry("a0", START.plusSeconds(600)) + ",\n  " + entry("a1", START) + "\n]\n");
    Path gzip = dir.resolve("day.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write((entry("g0", START.plusSeconds(120)) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path rejected = dir.resolve("no-timestamps.jsonl");
    Files.writeString(rejected, "{\"insertId\":\"no time\"}\nnot json\n");

    List<ExportPlan.Slice> plan =
        plan(List.of(array, gzip, rejected), 1 << 20, EVENT_TIME, 2, n -> {});

    assertThat(plan.get(0).file()).isEqualTo(rejected.toString());
    assertThat(plan.get(0).earliest()).isNull();
    assertThat(plan.subList(1, plan.size()))
        .extracting(ExportPlan.Slice::name, ExportPlan.Slice::layout, ExportPlan.Slice::earliest)
        .containsExactly(
            tuple(array.toString(), ExportPlan.Layout.FRAMES, START),
            tuple(gzip.toString(), ExportPlan.Layout.FRAMES, START.plusSeconds(120)));
    assertThat(plan.subList(1, plan.size()))
        .extracting(ExportPlan.Slice::file)
        .allSatisfy(file -> assertThat(Path.of(file)).startsWith(spool));
    assertThat(plan.stream().mapToLong(ExportPlan.Slice::entries).sum()).isEqualTo(5);
  }

  @ParameterizedTest(name = "slices of {0} bytes")
  @ValueSource(longs = {1, 500, 4096, 1 << 20})
  void cutsAGzippedPrettyArrayIntoSlicesOfItsEntriesExactlyAsWritten(long sliceBytes)
      throws IOException {
    List<String> elements = new ArrayList<>();
    for (int minute = 0; minute < 40; minute++) {
      elements.add(
          "{\n    \"insertId\": \"p"
              + minute
              + "\",\n    \"timestamp\": \""
              + START.plusSeconds(60L * (39 - minute))
              + "\",\n    \"textPayload\": \"line one\\nline two\"\n  }");
    }
    Path gzip = dir.resolve("gcloud-read.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(
          ("[\n  " + String.join(",\n  ", elements) + "\n]\n").getBytes(StandardCharsets.UTF_8));
    }
    AtomicLong scanned = new AtomicLong();

    List<ExportPlan.Slice> plan =
        plan(List.of(gzip), sliceBytes, EVENT_TIME, 2, n -> scanned.accumulateAndGet(n, Math::max));

    assertThat(readAll(plan)).containsExactlyInAnyOrderElementsOf(elements);
    long lastFrom = plan.stream().mapToLong(ExportPlan.Slice::from).max().orElseThrow();
    assertThat(plan)
        .filteredOn(slice -> slice.from() != lastFrom)
        .allSatisfy(
            slice -> assertThat(slice.to() - slice.from()).isGreaterThanOrEqualTo(sliceBytes));
    if (sliceBytes == 1) {
      assertThat(plan).hasSize(40);
    }
    assertThat(plan).isSortedAccordingTo(ExportPlan.PLAN_ORDER);
    assertThat(plan.get(0).earliest()).isEqualTo(START);
    assertThat(scanned.get()).isEqualTo(Files.size(gzip));
  }

  @Test
  void givesTheSamePlanOnAnyNumberOfThreadsAndReportsEveryByteScanned() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      text.append(entry("e" + i, START.plusSeconds((i * 37L) % 3600))).append('\n');
    }
    Path file = dir.resolve("day.jsonl");
    Files.writeString(file, text);
    AtomicLong scanned = new AtomicLong();

    List<ExportPlan.Slice> one = plan(List.of(file), 2048, EVENT_TIME, 1, n -> {});
    List<ExportPlan.Slice> four =
        plan(List.of(file), 2048, EVENT_TIME, 4, n -> scanned.accumulateAndGet(n, Math::max));

    assertThat(four).isEqualTo(one);
    assertThat(scanned.get()).isEqualTo(Files.size(file));
  }

  @Test
  void leavesOutSlicesWithoutEntries() throws IOException {
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "");
    Path blankTail = dir.resolve("blank-tail.jsonl");
    Files.writeString(blankTail, entry("e0", START) + "\n" + "\n".repeat(100));

    assertThat(plan(List.of(empty, blankTail), 10, EVENT_TIME, 1, n -> {}))
        .extracting(ExportPlan.Slice::entries)
        .containsExactly(1L);
  }

  @Test
  void aMissingFileFailsWithItsName() {
    Path missing = dir.resolve("missing.jsonl");

    assertThatThrownBy(() -> plan(List.of(missing), 10, EVENT_TIME, 1, n -> {}))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.jsonl");
  }

  @Test
  void reportsAFailureWhileScanningAsAnIoErrorWithItsCause() throws IOException {
    Path file = dir.resolve("day.jsonl");
    Files.writeString(file, entry("e0", START) + "\n");
    Function<byte[], Optional<Instant>> failing =
        payload -> {
          throw new IllegalStateException("unreadable entry");
        };

    assertThatThrownBy(() -> plan(List.of(file), 10, failing, 2, n -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unreadable entry")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesANonPositiveSliceSizeOrThreadCount() {
    assertThatThrownBy(() -> plan(List.of(), 0, EVENT_TIME, 1, n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan(List.of(), 1, EVENT_TIME, 0, n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readingAFileThatChangedSizeAfterPlanningFailsInsteadOfMissingEntries() throws IOException {
    Path file = dir.resolve("growing.jsonl");
    Files.writeString(file, entry("e0", START) + "\n");
    List<ExportPlan.Slice> plan = plan(List.of(file), 1 << 20, EVENT_TIME, 1, n -> {});
    Files.writeString(file, entry("e1", START) + "\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> plan.get(0).open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("changed after it was planned");
  }

  @Test
  void refusesAnInvalidSlice() {
    assertThatThrownBy(
            () -> new ExportPlan.Slice("f", 20, "f", 10, 5, ExportPlan.Layout.LINES, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[10, 5)");
  }

  /**
   * A file in random time order is sorted into time ranges: every entry once, no entry earlier than
   * the next slice's promise, each slice spanning one range rather than the whole hour, the entries
   * that the pipeline will reject kept, every byte of the sorted file reported, and the same plan
   * on any number of threads.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"shuffled.jsonl", "shuffled.json.gz"})
  void sortsAFileInRandomTimeOrderIntoTimeRanges(String name) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      lines.add(entry("e" + i, START.plusSeconds(3L * i)));
    }
    lines.add("{\"insertId\":\"no-time\",\"textPayload\":\"x\"}");
    lines.add("not json");
    Collections.shuffle(lines, new Random(20261206L));
    Path file = dir.resolve(name);
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text);
      }
    } else {
      Files.write(file, text);
    }
    AtomicLong sorted = new AtomicLong();

    List<ExportPlan.Slice> plan =
        ExportPlan.of(
            List.of(file),
            Files.createDirectories(spool),
            2_000,
            EVENT_TIME,
            3,
            n -> {},
            sorted::set);

    assertThat(readAll(plan)).containsExactlyInAnyOrderElementsOf(lines);
    assertThat(plan).isSortedAccordingTo(ExportPlan.PLAN_ORDER);
    assertThat(plan).allMatch(slice -> slice.layout() == ExportPlan.Layout.FRAMES);
    assertThat(ExportTimeBuckets.outOfOrder(plan)).as("after sorting").isFalse();
    Duration range = Duration.ofSeconds(3L * 1_200 / ExportTimeBuckets.BUCKETS + 1);
    for (ExportPlan.Slice slice : plan) {
      assertThat(Duration.between(slice.earliest(), slice.latest())).isLessThanOrEqualTo(range);
    }
    assertNoEntryEarlierThanItsSlicesPromise(plan);
    long planned =
        name.endsWith(".gz")
            ? Integer.BYTES * lines.size() + text.length - lines.size()
            : text.length;
    assertThat(sorted.get()).isEqualTo(planned);

    Path again = dir.resolve("again");
    List<ExportPlan.Slice> onOneThread =
        ExportPlan.of(
            List.of(file), Files.createDirectories(again), 2_000, EVENT_TIME, 1, n -> {}, n -> {});
    assertThat(onOneThread)
        .extracting(ExportPlan.Slice::from, ExportPlan.Slice::to, ExportPlan.Slice::entries)
        .containsExactlyElementsOf(
            plan.stream().map(slice -> tuple(slice.from(), slice.to(), slice.entries())).toList());
  }

  @Test
  void promisesNoEntryEarlierThanItsSliceInASortedFile() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      lines.add(entry("e" + i, START.plusSeconds(i)));
    }
    Collections.shuffle(lines, new Random(7L));
    Path file = dir.resolve("shuffled.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");

    List<ExportPlan.Slice> plan = plan(List.of(file), 700, EVENT_TIME, 2, n -> {});

    assertNoEntryEarlierThanItsSlicesPromise(plan);
  }

  @Test
  void callsAFileOutOfOrderOnlyWhenMoreSlicesThanAllowedCoverOneInstant() {
    List<ExportPlan.Slice> ordered = new ArrayList<>();
    List<ExportPlan.Slice> shuffled = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      // Neighbours share their boundary instant, as slices of a time-ordered file do.
      ordered.add(slice(i, START.plusSeconds(60L * i), START.plusSeconds(60L * (i + 1))));
      shuffled.add(slice(i, START.plusSeconds(i % 7), START.plusSeconds(6_000 - i % 5)));
    }
    assertThat(ExportTimeBuckets.outOfOrder(ordered)).isFalse();
    assertThat(ExportTimeBuckets.outOfOrder(shuffled)).isTrue();
    assertThat(ExportTimeBuckets.outOfOrder(shuffled.subList(0, ExportTimeBuckets.MAX_OVERLAP)))
        .isFalse();
    assertThat(ExportTimeBuckets.outOfOrder(shuffled.subList(0, ExportTimeBuckets.MAX_OVERLAP + 1)))
        .isTrue();
    assertThat(ExportTimeBuckets.outOfOrder(List.of(slice(0, null, null)))).isFalse();
  }

  private static ExportPlan.Slice slice(int i, Instant earliest, Instant latest) {
    return new ExportPlan.Slice(
        "f",
        1_000_000,
        "f",
        100L * i,
        100L * (i + 1),
        ExportPlan.Layout.LINES,
        1,
        earliest,
        latest);
  }

  private List<ExportPlan.Slice> plan(
      List<Path> files,
      long sliceBytes,
      Function<byte[], Optional<Instant>> eventTime,
      int threads,
      LongConsumer scannedBytes)
      throws IOException {
    Files.createDirectories(spool);
    return ExportPlan.of(files, spool, sliceBytes, eventTime, threads, scannedBytes, n -> {});
  }

  private static String entry(String insertId, Instant time) {
    return "{\"insertId\":\""
        + insertId
        + "\",\"timestamp\":\""
        + time
        + "\",\"textPayload\":\"request served\"}";
  }

  /**
   * Before each slice, no entry still to come in plan order is earlier than the slice's earliest
   * time: the watermark the read promises. Entries without an event time promise nothing.
   */
  private static void assertNoEntryEarlierThanItsSlicesPromise(List<ExportPlan.Slice> plan)
      throws IOException {
    for (int i = 0; i < plan.size(); i++) {
      Instant promise = plan.get(i).earliest();
      if (promise == null) {
        continue;
      }
      for (ExportPlan.Slice later : plan.subList(i, plan.size())) {
        for (String payload : read(later)) {
          EVENT_TIME
              .apply(payload.getBytes(StandardCharsets.UTF_8))
              .ifPresent(time -> assertThat(time).isAfterOrEqualTo(promise));
        }
      }
    }
  }

  private static List<String> readAll(List<ExportPlan.Slice> plan) throws IOException {
    List<String> all = new ArrayList<>();
    for (ExportPlan.Slice slice : plan) {
      List<String> entries = read(slice);
      assertThat(entries).hasSize((int) slice.entries());
      all.addAll(entries);
    }
    return all;
  }

  private static List<String> read(ExportPlan.Slice slice) throws IOException {
    List<String> entries = new ArrayList<>();
    try (ExportReader reader = slice.open().reader()) {
      reader.forEachRemaining(bytes -> entries.add(new String(bytes, StandardCharsets.UTF_8)));
    }
    return entries;
  }
}
