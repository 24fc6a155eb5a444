package dev.loggardener.logentry;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Plans reading local export files in event-time order: cuts the files into slices, finds each
 * slice's earliest event time, and orders the slices by it.
 *
 * <p>A reader that takes the slices in plan order knows, before each slice, that no entry still to
 * come is earlier than that slice's earliest event time. That is an exact watermark for files: a
 * streaming pipeline can close event-time windows while it reads, holding only the windows that
 * unread slices can still reach, and no entry is ever late. Files written in time order, in either
 * direction ({@code gcloud logging read} writes newest first), give slices whose time ranges barely
 * overlap; a file in random order gives slices that all span the whole period, and the windows stay
 * open until the end.
 *
 * <p>Uncompressed NDJSON is cut at line starts ({@link ExportSlices}); gzip and JSON arrays are
 * rewritten into a spool of length-prefixed entries and cut as they are written ({@link
 * ExportSpool}), so no file is ever read whole. Planning reads every entry once, with the same
 * event-time function the pipeline uses, and leaves out slices that hold no entry. A file in random
 * time order, whose slices would all span its whole period, is then sorted into time ranges ({@link
 * ExportTimeBuckets}), so that its windows too close while it is read.
 */
public final class ExportPlan {
  private ExportPlan() {}

  /** How a slice's bytes hold its entries. */
  public enum Layout {
    /** NDJSON lines; the slice's bounds are moved to the next line start. */
    LINES,
    /** Length-prefixed entries of a spool; the bounds are entry starts. */
    FRAMES
  }

  /**
   * One slice of a file, in plan order.
   *
   * @param file the path of the file read: the export itself, or its spool
   * @param fileSize the size of {@code file} when it was planned; reading a file of another size
   *     fails, since entries added or removed after planning would otherwise be missed
   * @param name the export's path, which names the slice's entries in message ids
   * @param from the first offset of the slice (see {@link ExportSlices} for lines)
   * @param to the offset just after the slice
   * @param layout how the slice's bytes hold its entries
   * @param entries how many entries the slice holds
   * @param earliest the earliest event time of its entries, or null when none has one
   * @param latest the latest event time of its entries, or null when none has one
   */
  public record Slice(
      String file,
      long fileSize,
      String name,
      long from,
      long to,
      Layout layout,
      long entries,
      Instant earliest,
      Instant latest)
      implements Serializable {
    public Slice {
      if (file == null
          || name == null
          || layout == null
          || from < 0
          || to < from
          || fileSize < to
          || entries < 0) {
        throw new IllegalArgumentException(
            "invalid slice " + file + " [" + from + ", " + to + ") of " + entries + " entries");
      }
    }

    /**
     * The slice's entries and the offset of its first entry, which names them in message ids.
     *
     * @throws IllegalStateException if the file's size changed after planning
     */
    public Entries open() throws IOException {
      FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ);
      try {
        if (channel.size() != fileSize) {
          throw new IllegalStateException(
              name
                  + " changed after it was planned: it was "
                  + fileSize
                  + " bytes and is now "
                  + channel.size()
                  + "; run again on files that are not being written");
        }
        if (layout == Layout.FRAMES) {
          return new Entries(from, ExportReader.openFrames(ExportSlices.range(channel, from, to)));
        }
        long start = ExportSlices.lineStartAtOrAfter(channel, from);
        long end = ExportSlices.lineStartAtOrAfter(channel, to);
        return new Entries(start, ExportReader.openLines(ExportSlices.range(channel, start, end)));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }
  }

  /**
   * An open slice.
   *
   * @param start the offset of the slice's first entry
   * @param reader its entries' raw bytes; closing it closes the file
   */
  public record Entries(long start, ExportReader reader) {}

  /** Plan order: slices without an event time first, then by earliest event time. */
  static final Comparator<Slice> PLAN_ORDER =
      Comparator.comparing(Slice::earliest, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Slice::file)
          .thenComparingLong(Slice::from);

  /**
   * Plans {@code files}, scanning slices and spooling on {@code threads} threads.
   *
   * @param spoolDirectory where spools of files that cannot be cut are written; the caller deletes
   *     them after the read
   * @param sliceBytes the raw size of a slice
   * @param eventTime an entry's event time, or empty when the pipeline will reject it
   * @param scannedBytes told the running total of bytes scanned, for progress
   * @param sortedBytes told the running total of bytes of files in random time order sorted, for
   *     progress
   * @throws IOException if a file cannot be read
   */
  public static List<Slice> of(
      List<Path> files,
      Path spoolDirectory,
      long sliceBytes,
      Function<byte[], Optional<Instant>> eventTime,
      int threads,
      LongConsumer scannedBytes,
      LongConsumer sortedBytes)
      throws IOException {
    if (sliceBytes < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "slice size and threads must be positive, got " + sliceBytes + " and " + threads);
    }
    AtomicLong scanned = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Slice>>> futures = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        if (!sliceable(file)) {
          Path spool = spoolDirectory.resolve(i + "-" + file.getFileName() + ".spool");
          futures.add(
              pool.submit(
                  () ->
                      ExportSpool.write(
                          file,
                          spool,
                          sliceBytes,
                          eventTime,
                          n -> scannedBytes.accept(scanned.addAndGet(n)))));
          continue;
        }
        for (Slice slice : cut(file, sliceBytes)) {
          futures.add(
              pool.submit(
                  () -> {
                    Slice result = scan(slice, eventTime);
                    scannedBytes.accept(scanned.addAndGet(slice.to() - slice.from()));
                    return List.of(result);
                  }));
        }
      }
      List<Slice> plan = new ArrayList<>();
      for (Future<List<Slice>> future : futures) {
        for (Slice slice : future.get()) {
          if (slice.entries() > 0) {
            plan.add(slice);
          }
        }
      }
      plan = sortOutOfOrderFiles(plan, files, spoolDirectory, sliceBytes, eventTime, sortedBytes);
      plan.sort(PLAN_ORDER);
      return List.copyOf(plan);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while planning the export files", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IOException("planning the export files failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The plan with the slices of each file in random time order replaced by its sorted ones. */
  private static List<Slice> sortOutOfOrderFiles(
      List<Slice> plan,
      List<Path> files,
      Path spoolDirectory,
      long sliceBytes,
      Function<byte[], Optional<Instant>> eventTime,
      LongConsumer sortedBytes)
      throws IOException {
    List<Slice> result = new ArrayList<>();
    AtomicLong sorted = new AtomicLong();
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).toString();
      List<Slice> slices = plan.stream().filter(slice -> slice.name().equals(name)).toList();
      if (!ExportTimeBuckets.outOfOrder(slices)) {
        result.addAll(slices);
        continue;
      }
      Path spool = spoolDirectory.resolve(i + "-" + files.get(i).getFileName() + ".sorted.spool");
      result.addAll(
          ExportTimeBuckets.write(
              slices, spool, sliceBytes, eventTime, n -> sortedBytes.accept(sorted.addAndGet(n))));
    }
    return result;
  }

  private static boolean sliceable(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return ExportSlices.sliceable(channel);
    }
  }

  private static List<Slice> cut(Path file, long sliceBytes) throws IOException {
    long size = Files.size(file);
    String name = file.toString();
    List<Slice> slices = new ArrayList<>();
    for (long from = 0; from < size; from += sliceBytes) {
      slices.add(
          new Slice(
              name,
              size,
              name,
              from,
              Math.min(size, from + sliceBytes),
              Layout.LINES,
              0,
              null,
              null));
    }
    return slices;
  }

  private static Slice scan(Slice slice, Function<byte[], Optional<Instant>> eventTime) {
    long entries = 0;
    Instant earliest = null;
    Instant latest = null;
    try {
      Entries open = slice.open();
      try (ExportReader reader = open.reader()) {
        while (reader.hasNext()) {
          entries++;
          Optional<Instant> time = eventTime.apply(reader.next());
          if (time.isPresent() && (earliest == null || time.get().isBefore(earliest))) {
            earliest = time.get();
          }
          if (time.isPresent() && (latest == null || time.get().isAfter(latest))) {
            latest = time.get();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Slice(
        slice.file(),
        slice.fileSize(),
        slice.name(),
        slice.from(),
        slice.to(),
        slice.layout(),
        entries,
        earliest,
        latest);
  }
}
