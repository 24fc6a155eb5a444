package dev.loggardener.jobs;

import dev.loggardener.beam.ReadExportsInTimeOrder;
import dev.loggardener.logentry.ExportPlan;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.store.DuckDbStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * The local run: export files → the log-stream pipeline on the DirectRunner → a DuckDB file, with
 * progress lines while it runs and the final accounting. The worklog job chains after {@link #run}.
 *
 * <p>The files are planned first ({@link ExportPlan}: every entry's event time is read once) and
 * then read as a stream in event-time order ({@link ReadExportsInTimeOrder}) with an exact
 * watermark. Windows close while the files are read, and the DirectRunner takes more input only
 * when what it holds has been processed, so the heap a run needs does not grow with the input. No
 * entry can arrive behind that watermark, so the run allows no lateness: a window's state is freed
 * as soon as the watermark passes its end. Deduplication still sees every copy of an entry: the
 * copies share a timestamp, hence a window, and the window closes only after every entry up to its
 * end has been read.
 */
public final class LocalRun {
  /** NDJSON slices of 1 MB: about a thousand entries each, and ten per read of the source. */
  static final long PLAN_SLICE_BYTES = 1024 * 1024;

  /**
   * The run writes its rows at the end, so it fires 60 windows at once (an hour of one-minute
   * windows). The DirectRunner's bookkeeping grows with its timers and keyed state, one per
   * fingerprint and firing window, and with the bundles that reach each key: an hour's
   * deduplication key is reached by a few large bundles where each minute's was reached by small
   * ones, which the aggregation downstream then received one per minute. The rows are the same.
   */
  static final int WINDOWS_PER_FIRING = 60;

  /** Threads for planning and for the runner: one per core, at least two. */
  private static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private LocalRun() {}

  /**
   * What to run.
   *
   * @param inputGlob the export files
   * @param store the DuckDB file
   * @param rulesFile a rules file replacing the built-in rules, or null
   * @param windowSizeMinutes the window size
   * @param progressEvery how often to print progress
   */
  public record Settings(
      String inputGlob,
      Path store,
      String rulesFile,
      int windowSizeMinutes,
      Duration progressEvery) {}

  /**
   * Where every entry went. Entries read = counted in aggregates + dead-lettered + duplicates.
   *
   * @param read entries read from the files
   * @param rejected entries the parser rejected
   * @param normalizeFailed entries the fingerprinter failed on
   * @param duplicates repeated copies dropped
   * @param tooLate entries past the allowed lateness
   * @param aggregated entries counted in stored aggregates (sum of entry_count)
   * @param rows stored issue_windows rows
   * @param fingerprints distinct stored fingerprints
   * @param deadLetters stored dead letters
   * @param earliest the earliest event time in the input, or null when no entry has one
   * @param latest the latest event time in the input, or null when no entry has one
   */
  public record Accounting(
      long read,
      long rejected,
      long normalizeFailed,
      long duplicates,
      long tooLate,
      long aggregated,
      long rows,
      long fingerprints,
      long deadLetters,
      Instant earliest,
      Instant latest) {
    /** Whether every entry read is accounted for exactly once. */
    public boolean balanced() {
      return read == aggregated + deadLetters + duplicates
          && deadLetters == rejected + normalizeFailed + tooLate;
    }
  }

  /** Runs the pipeline to completion, printing progress to {@code progress}. */
  public static Accounting run(Settings settings, PrintStream progress)
      throws IOException, SQLException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--blockOnRun=false",
                "--enforceImmutability=false",
                "--enforceEncodability=false",
                "--targetParallelism=" + WORKERS,
                "--inputFiles=" + settings.inputGlob(),
                "--duckDbFile=" + settings.store(),
                "--duckDbHoldOpen=true",
                "--windowSizeMinutes=" + settings.windowSizeMinutes(),
                "--windowsPerFiring=" + WINDOWS_PER_FIRING,
                "--allowedLatenessMinutes=0",
                "--dedupeShards=1",
                "--hotKeyFanout=1"));
    if (settings.rulesFile() != null) {
      args.add("--rulesFile=" + settings.rulesFile());
    }
    StreamOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(StreamOptions.class);
    long started = System.nanoTime();
    Path spoolDirectory = Files.createTempDirectory("log-gardener-spool-");
    try {
      List<ExportPlan.Slice> plan =
          plan(
              localFiles(settings.inputGlob(), options),
              spoolDirectory,
              settings,
              progress,
              started);
      PipelineResult result = LogStreamPipeline.run(options, ReadExportsInTimeOrder.of(plan), null);
      PipelineResult.State state;
      long previousRead = 0;
      long previousLine = System.nanoTime();
      while ((state = result.waitUntilFinish(settings.progressEvery())) == null
          || !state.isTerminal()) {
        long now = System.nanoTime();
        long read = counter(result, "parse", "read");
        progress.println(
            progressLine(
                (now - started) / 1_000_000_000L,
                read,
                counter(result, "parse", "rejected"),
                counter(result, "normalize", "fingerprinted"),
                counter(result, "dedupe", "admitted"),
                counter(result, "aggregate", "rows"),
                (read - previousRead) * 1_000_000_000L / Math.max(1, now - previousLine)));
        previousRead = read;
        previousLine = now;
      }
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the local run ended in state " + state);
      }
      Instant earliest =
          plan.stream()
              .map(ExportPlan.Slice::earliest)
              .filter(Objects::nonNull)
              .min(Instant::compareTo)
              .orElse(null);
      Instant latest =
          plan.stream()
              .map(ExportPlan.Slice::latest)
              .filter(Objects::nonNull)
              .max(Instant::compareTo)
              .orElse(null);
      return accounting(result, settings.store(), earliest, latest);
    } finally {
      deleteSpools(spoolDirectory);
    }
  }

  private static void deleteSpools(Path spoolDirectory) throws IOException {
    try (Stream<Path> spools = Files.list(spoolDirectory)) {
      for (Path spool : (Iterable<Path>) spools::iterator) {
        Files.delete(spool);
      }
    }
    Files.delete(spoolDirectory);
  }

  /** The files {@code glob} matches, which must be local: planning reads them before the run. */
  static List<Path> localFiles(String glob, StreamOptions options) throws IOException {
    FileSystems.setDefaultPipelineOptions(options);
    if (!"file".equals(FileSystems.matchNewResource(glob, false).getScheme())) {
      throw new IllegalArgumentException(
          "run reads local files, not "
              + glob
              + "; copy them to this machine, or use the stream command with --inputFiles");
    }
    List<Path> files = new ArrayList<>();
    for (MatchResult.Metadata file :
        FileSystems.match(glob, EmptyMatchTreatment.ALLOW).metadata()) {
      files.add(Path.of(file.resourceId().toString()));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no export file matches " + glob);
    }
    files.sort(null);
    return files;
  }

  private static List<ExportPlan.Slice> plan(
      List<Path> files, Path spoolDirectory, Settings settings, PrintStream progress, long started)
      throws IOException {
    long total = totalBytes(files);
    long every = settings.progressEvery().getMillis() * 1_000_000L;
    AtomicLong lastLine = new AtomicLong(started);
    // Scanning and sorting share one clock, so that together they print one line per interval.
    Consumer<LongFunction<String>> print =
        line -> {
          long now = System.nanoTime();
          long last = lastLine.get();
          if (now - last >= every && lastLine.compareAndSet(last, now)) {
            progress.println(line.apply((now - started) / 1_000_000_000L));
          }
        };
    LogEntryParser parser = new LogEntryParser();
    return ExportPlan.of(
        files,
        spoolDirectory,
        PLAN_SLICE_BYTES,
        payload -> parser.eventTime(payload, Map.of()),
        WORKERS,
        scanned -> print.accept(seconds -> planningLine(seconds, scanned, total)),
        sorted -> print.accept(seconds -> sortingLine(seconds, sorted)));
  }

  private static long totalBytes(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    return total;
  }

  /** A progress line of the planning pass, which reads every entry's event time first. */
  static String planningLine(long seconds, long scannedBytes, long totalBytes) {
    return String.format(
        Locale.ROOT,
        "%,d s: planning the read in event-time order, %,d of %,d MB scanned",
        seconds,
        scannedBytes >> 20,
        totalBytes >> 20);
  }

  /**
   * A progress line of sorting files in random time order into time ranges ({@link ExportPlan}),
   * which reads them once more.
   */
  static String sortingLine(long seconds, long sortedBytes) {
    return String.format(
        Locale.ROOT,
        "%,d s: sorting files in random time order into time ranges, %,d MB sorted",
        seconds,
        sortedBytes >> 20);
  }

  /**
   * One progress line: how far each stage has come, and how many entries were read per second since
   * the line before. Issue rows lag behind, since a window's row is written once the watermark
   * passes the window's end.
   */
  static String progressLine(
      long seconds,
      long read,
      long rejected,
      long fingerprinted,
      long admitted,
      long rows,
      long readPerSecond) {
    return String.format(
        Locale.ROOT,
        "%,d s: read %,d entries (%,d rejected), fingerprinted %,d, deduplicated %,d,"
            + " issue rows %,d, %,d entries/s",
        seconds,
        read,
        rejected,
        fingerprinted,
        admitted,
        rows,
        readPerSecond);
  }

  private static Accounting accounting(
      PipelineResult result, Path file, Instant earliest, Instant latest) throws SQLException {
    try (DuckDbStore store = DuckDbStore.open(file);
        Statement statement = store.connection().createStatement()) {
      long aggregated;
      long rows;
      long fingerprints;
      long deadLetters;
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT coalesce(sum(entry_count), 0), count(*), count(DISTINCT fingerprint)"
                  + " FROM issue_windows")) {
        rs.next();
        aggregated = rs.getLong(1);
        rows = rs.getLong(2);
        fingerprints = rs.getLong(3);
      }
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM dead_letters")) {
        rs.next();
        deadLetters = rs.getLong(1);
      }
      return new Accounting(
          counter(result, "parse", "read"),
          counter(result, "parse", "rejected"),
          counter(result, "normalize", "failed"),
          counter(result, "dedupe", "duplicates"),
          counter(result, "aggregate", "too_late"),
          aggregated,
          rows,
          fingerprints,
          deadLetters,
          earliest,
          latest);
    }
  }

  /** The attempted value of one Beam counter, summed over the steps that report it. */
  public static long counter(PipelineResult result, String namespace, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
