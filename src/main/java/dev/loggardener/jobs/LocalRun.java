package dev.loggardener.jobs;

import dev.loggardener.store.DuckDbStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * The local run: export files → the log-stream pipeline on the DirectRunner → a DuckDB file, with
 * progress lines while it runs and the final accounting. The worklog job chains after {@link #run}.
 */
public final class LocalRun {
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
      long deadLetters) {
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
                "--targetParallelism=" + Math.max(2, Runtime.getRuntime().availableProcessors()),
                "--inputFiles=" + settings.inputGlob(),
                "--duckDbFile=" + settings.store(),
                "--windowSizeMinutes=" + settings.windowSizeMinutes(),
                "--dedupeShards=1",
                "--hotKeyFanout=1"));
    if (settings.rulesFile() != null) {
      args.add("--rulesFile=" + settings.rulesFile());
    }
    StreamOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(StreamOptions.class);
    long started = System.nanoTime();
    PipelineResult result = LogStreamPipeline.run(options, null);
    PipelineResult.State state;
    while ((state = result.waitUntilFinish(settings.progressEvery())) == null
        || !state.isTerminal()) {
      progress.println(
          progressLine(
              (System.nanoTime() - started) / 1_000_000_000L,
              counter(result, "parse", "read"),
              counter(result, "parse", "rejected"),
              counter(result, "normalize", "fingerprinted"),
              counter(result, "dedupe", "admitted"),
              counter(result, "aggregate", "rows")));
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the local run ended in state " + state);
    }
    return accounting(result, settings.store());
  }

  /**
   * One progress line. The stages run one after another on the DirectRunner, so each count shows
   * how far its stage has come: reading and parsing, fingerprinting, deduplication, then issue
   * rows.
   */
  static String progressLine(
      long seconds, long read, long rejected, long fingerprinted, long admitted, long rows) {
    return String.format(
        Locale.ROOT,
        "%,d s: read %,d entries (%,d rejected), fingerprinted %,d, deduplicated %,d,"
            + " issue rows %,d",
        seconds,
        read,
        rejected,
        fingerprinted,
        admitted,
        rows);
  }

  private static Accounting accounting(PipelineResult result, Path file) throws SQLException {
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
          deadLetters);
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
