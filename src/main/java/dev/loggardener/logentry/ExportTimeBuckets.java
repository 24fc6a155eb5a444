package dev.loggardener.logentry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Sorts an export whose entries stand in random time order (redeliveries, merges of several
 * sources) into time buckets, so that the local run can still close windows while it reads.
 *
 * <p>Slices of such a file all span its whole period, so a read in plan order keeps every window
 * open until the end: memory grows with the period's (fingerprint, window) pairs and the runner's
 * bookkeeping with them. Rewritten into {@link #BUCKETS} consecutive time ranges, one spool part
 * each, every slice spans one range, and the windows of a range close once it is read. Entries keep
 * their bytes; they are named in message ids by their place in the sorted spool, like the entries
 * of a gzip spool ({@link ExportSpool}). The sort costs one more read of the file and its size
 * again on disk.
 */
final class ExportTimeBuckets {
  private ExportTimeBuckets() {}

  /**
   * The most slices of one file whose time ranges may cover one instant before the file is sorted.
   * A file written in time order, in either direction, has one or two; local disorder (entries a
   * few seconds apart swapped) a few more.
   */
  static final int MAX_OVERLAP = 8;

  /** The time ranges a file is sorted into: one open spool part each while sorting. */
  static final int BUCKETS = 64;

  /** Whether more than {@link #MAX_OVERLAP} of one file's slices cover one instant. */
  static boolean outOfOrder(List<ExportPlan.Slice> slices) {
    record Edge(Instant at, int change) {}
    List<Edge> edges = new ArrayList<>();
    for (ExportPlan.Slice slice : slices) {
      if (slice.earliest() != null) {
        edges.add(new Edge(slice.earliest(), 1));
        edges.add(new Edge(slice.latest(), -1));
      }
    }
    // At one instant, ranges that start there are counted before those that end there close.
    edges.sort(
        Comparator.comparing(Edge::at).thenComparing(Edge::change, Comparator.reverseOrder()));
    int depth = 0;
    for (Edge edge : edges) {
      depth += edge.change();
      if (depth > MAX_OVERLAP) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sorts the entries of {@code slices}, all of one export, into {@code spool} by time range and
   * returns the spool's slices. Entries without an event time go into the first range.
   *
   * @param eventTime an entry's event time, or empty when the pipeline will reject it
   * @param sortedBytes told how many more bytes of the export's slices were sorted, for progress
   */
  static List<ExportPlan.Slice> write(
      List<ExportPlan.Slice> slices,
      Path spool,
      long sliceBytes,
      Function<byte[], Optional<Instant>> eventTime,
      LongConsumer sortedBytes)
      throws IOException {
    String name = slices.get(0).name();
    Instant first =
        slices.stream()
            .map(ExportPlan.Slice::earliest)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElseThrow(
                () -> new IllegalArgumentException(name + " has no event time to sort by"));
    Instant last =
        slices.stream()
            .map(ExportPlan.Slice::latest)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    long width = first.until(last, ChronoUnit.MICROS) / BUCKETS + 1;
    List<Path> parts = new ArrayList<>(BUCKETS);
    List<SpoolWriter> writers = new ArrayList<>(BUCKETS);
    try {
      for (int b = 0; b < BUCKETS; b++) {
        parts.add(spool.resolveSibling(spool.getFileName() + "." + b));
        writers.add(new SpoolWriter(parts.get(b), sliceBytes));
      }
      List<ExportPlan.Slice> inFileOrder = new ArrayList<>(slices);
      inFileOrder.sort(
          Comparator.comparing(ExportPlan.Slice::file).thenComparingLong(ExportPlan.Slice::from));
      for (ExportPlan.Slice slice : inFileOrder) {
        try (ExportReader reader = slice.open().reader()) {
          while (reader.hasNext()) {
            byte[] entry = reader.next();
            Optional<Instant> time = eventTime.apply(entry);
            int bucket = time.map(t -> bucket(first, t, width)).orElse(0);
            writers.get(bucket).add(entry, time);
          }
        }
        sortedBytes.accept(slice.to() - slice.from());
      }
      return concatenate(writers, parts, spool, name);
    } finally {
      for (SpoolWriter writer : writers) {
        writer.close();
      }
      for (Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
  }

  /** The time range of {@code time}: ranges of {@code width} microseconds from {@code first}. */
  private static int bucket(Instant first, Instant time, long width) {
    return (int) Math.min(BUCKETS - 1, Math.max(0, first.until(time, ChronoUnit.MICROS) / width));
  }

  /** Appends the parts to {@code spool} in time order and rebases their slices onto it. */
  private static List<ExportPlan.Slice> concatenate(
      List<SpoolWriter> writers, List<Path> parts, Path spool, String name) throws IOException {
    List<List<SpoolWriter.Cut>> cuts = new ArrayList<>();
    long[] offsets = new long[writers.size()];
    long size = 0;
    for (int b = 0; b < writers.size(); b++) {
      cuts.add(writers.get(b).finish());
      offsets[b] = size;
      size += writers.get(b).written();
    }
    try (FileChannel out =
        FileChannel.open(
            spool,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (Path part : parts) {
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
          long copied = 0;
          while (copied < in.size()) {
            copied += in.transferTo(copied, in.size() - copied, out);
          }
        }
        Files.delete(part);
      }
    }
    List<ExportPlan.Slice> sorted = new ArrayList<>();
    for (int b = 0; b < cuts.size(); b++) {
      for (SpoolWriter.Cut cut : cuts.get(b)) {
        sorted.add(cut.slice(spool, size, name, offsets[b]));
      }
    }
    return sorted;
  }
}
