package dev.loggardener.cli;

import dev.loggardener.jobs.LocalRun;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.joda.time.Duration;

/** {@code run}: export files through the streaming pipeline on this machine into DuckDB. */
public final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "Run the pipeline locally over export files into DuckDB, then write the worklog.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        new Flags(
                "java -jar log-gardener.jar run --input FILE|GLOB [OPTIONS]",
                "Reads Cloud Logging exports (gcloud logging read --format=json, or NDJSON;"
                    + " gzipped or not), runs the same pipeline as production on the DirectRunner,"
                    + " writes issue_windows and dead_letters to a local DuckDB file, then writes the"
                    + " worklog of the last 24 hours of the input (or --from/--to, or"
                    + " --whole-input), compared with the period of the same length before it."
                    + " It first reads every entry's"
                    + " timestamp, then streams the entries in event-time order, closing windows as"
                    + " it goes, 1 MB at a time, so more entries need no more heap. A JSON array or a"
                    + " gzipped file is first copied into a spool file in java.io.tmpdir, which"
                    + " costs its uncompressed size on disk until the run ends.")
            .option("input", "FILE|GLOB", "Export files to read, e.g. 'exports/*.json.gz'.", null)
            .option("store", "FILE", "DuckDB file to write.", "./gardener.duckdb")
            .option(
                "worklog",
                "FILE",
                "Where to write the worklog of the period, as Markdown; the JSON"
                    + " goes beside it with the extension .json.",
                "./worklog.md")
            .option("rules", "FILE", "Normalization rules replacing the built-in ones.", null)
            .option(
                "from",
                "RFC3339",
                "Start of the worklog's period, e.g. 2026-11-27T00:00:00Z (with --to).",
                null)
            .option("to", "RFC3339", "End of the worklog's period (exclusive), with --from.", null)
            .toggle(
                "whole-input",
                "Write the worklog of the whole input (whole hours around its first and last"
                    + " entry) instead of its last 24 hours.")
            .option("window-minutes", "N", "Event-time window size in minutes.", "1")
            .option("progress-seconds", "N", "Seconds between progress lines.", "5");
    if (!flags.parse(args, out)) {
      return 0;
    }
    Optional<Period> given = givenPeriod(flags);
    long window = flags.getLong("window-minutes").orElseThrow();
    long progress = flags.getLong("progress-seconds").orElseThrow();
    if (window < 1 || progress < 1) {
      throw new Flags.UsageException("--window-minutes and --progress-seconds must be at least 1");
    }
    LocalRun.Accounting a =
        LocalRun.run(
            new LocalRun.Settings(
                flags.require("input"),
                Path.of(flags.get("store").orElseThrow()),
                flags.get("rules").orElse(null),
                (int) window,
                Duration.standardSeconds(progress)),
            out);
    out.printf(
        "read %,d entries: %,d counted in %,d rows (%,d fingerprints), %,d dead letters"
            + " (%,d rejected, %,d failed to fingerprint, %,d too late), %,d duplicates removed%n",
        a.read(),
        a.aggregated(),
        a.rows(),
        a.fingerprints(),
        a.deadLetters(),
        a.rejected(),
        a.normalizeFailed(),
        a.tooLate(),
        a.duplicates());
    if (!a.balanced()) {
      err.println("log-gardener run: the accounts do not balance: " + a);
      return 1;
    }
    Path store = Path.of(flags.get("store").orElseThrow());
    out.println("accounts balance; store: " + store);
    Path markdown = Path.of(flags.get("worklog").orElseThrow()).toAbsolutePath().normalize();
    Path json = markdown.resolveSibling(withExtension(markdown.getFileName().toString(), ".json"));
    if (a.latest() == null) {
      out.println("no entry of the input has a time: no worklog written");
      return 0;
    }
    Period period = given.orElseGet(() -> inputPeriod(flags.isSet("whole-input"), a));
    Clock clock = Clock.systemUTC();
    Worklog worklog =
        WorklogCommand.writeLocal(store, markdown, WorklogJob.Format.MD, clock, period);
    WorklogCommand.writeLocal(store, json, WorklogJob.Format.JSON, clock, period);
    out.printf(
        "worklog of %s (%s to %s), compared with the %s before: %d problems, %d need attention"
            + " (P0-P1), among %d kinds of log activity%n  %s%n  %s%n",
        given.isPresent()
            ? "the given period"
            : flags.isSet("whole-input") ? "the whole input" : "the last 24 hours of the input",
        period.from(),
        period.to(),
        period.length(),
        worklog.problems().size(),
        worklog.critical(),
        worklog.categories().size(),
        markdown,
        json);
    return 0;
  }

  /** The period of {@code --from} and {@code --to}, when given. */
  private static Optional<Period> givenPeriod(Flags flags) throws Flags.UsageException {
    Optional<String> from = flags.get("from");
    Optional<String> to = flags.get("to");
    if (from.isPresent() != to.isPresent()) {
      throw new Flags.UsageException("--from and --to go together; give both or neither");
    }
    if (from.isEmpty()) {
      return Optional.empty();
    }
    if (flags.isSet("whole-input")) {
      throw new Flags.UsageException("give either --whole-input or --from and --to, not both");
    }
    Instant start = WorklogCommand.instant("from", from.get());
    Instant end = WorklogCommand.instant("to", to.get());
    if (!start.isBefore(end)) {
      throw new Flags.UsageException("--from must be before --to");
    }
    return Optional.of(new Period(start, end));
  }

  /**
   * The last 24 hours of the input, ending at the whole hour after its latest entry; or, for the
   * whole input, whole hours from its first to its last entry.
   */
  static Period inputPeriod(boolean wholeInput, LocalRun.Accounting a) {
    Instant end = WorklogCommand.hourCeiling(a.latest().plusNanos(1));
    return wholeInput
        ? new Period(a.earliest().truncatedTo(ChronoUnit.HOURS), end)
        : Period.hoursEnding(end, 24);
  }

  private static String withExtension(String fileName, String extension) {
    int dot = fileName.lastIndexOf('.');
    return (dot > 0 ? fileName.substring(0, dot) : fileName) + extension;
  }
}
