package dev.loggardener.cli;

import dev.loggardener.jobs.IssueStores;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.worklog.IssueWindowSource;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Priority;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code worklog}: writes the prioritized worklog of a period from the DuckDB store or BigQuery.
 */
public final class WorklogCommand implements Command {
  private final Clock clock;

  public WorklogCommand() {
    this(Clock.systemUTC());
  }

  /** With the clock that decides "now" for the default period and the generation time. */
  public WorklogCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "worklog";
  }

  @Override
  public String summary() {
    return "Write the prioritized worklog (Markdown or JSON) of a period of issue windows.";
  }

  private static Flags flags() {
    return new Flags(
            "log-gardener worklog --store FILE|bigquery:PROJECT.DATASET [--from T --to T |"
                + " --hours N] --out FILE [--format md|json]",
            "Reads the issue_windows rows of a period and of the period before it (for trends),\n"
                + "groups fingerprints into issue categories, prioritizes them P0-P4 and writes\n"
                + "the worklog. The period defaults to the 24 hours ending now.\n"
                + "Example: log-gardener worklog --store local.duckdb --hours 24 --out worklog.md")
        .option(
            "store",
            "FILE|bigquery:PROJECT.DATASET",
            "DuckDB store file, or a BigQuery dataset (application default credentials).",
            null)
        .option("from", "RFC3339", "Start of the period, e.g. 2026-11-27T00:00:00Z.", null)
        .option("to", "RFC3339", "End of the period (exclusive), e.g. 2026-11-28T00:00:00Z.", null)
        .option("hours", "N", "Length of the period ending now, in hours.", null)
        .toggle(
            "end-at-latest",
            "End the period at the latest stored window instead of now (old or replayed data).")
        .option("out", "FILE", "Where to write the worklog.", null)
        .option(
            "format", "md|json", "Output format (default: json for a .json file, else md).", null)
        .option(
            "rules",
            "FILE",
            "Worklog rules file (default: the shipped pipelines/worklog-report/rules.yaml).",
            null)
        .option(
            "max-detailed",
            "N",
            "Categories with a full section; the rest are one-line rows.",
            String.valueOf(WorklogSettings.DEFAULT_MAX_DETAILED))
        .option(
            "revision-look-back-hours",
            "N",
            "A revision that carries 90 % of a problem is suspect when it started logging within"
                + " the period or this many hours before it (at most the period's length).",
            "0")
        .option(
            "project",
            "ID",
            "Only the entries of this Google Cloud project (default: every project in the store).",
            null);
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags = flags();
    if (!flags.parse(args, out)) {
      return 0;
    }
    String store = flags.require("store");
    Path target = Paths.get(flags.require("out"));
    WorklogJob.Format format = format(flags, target);
    long maxDetailed = flags.getLong("max-detailed").orElseThrow();
    if (maxDetailed < 0 || maxDetailed > 10_000) {
      throw new Flags.UsageException("--max-detailed must be between 0 and 10000");
    }
    long lookBackHours = flags.getLong("revision-look-back-hours").orElseThrow();
    if (lookBackHours < 0 || lookBackHours > 24L * 366) {
      throw new Flags.UsageException("--revision-look-back-hours must be between 0 and 8784");
    }
    WorklogRules rules =
        flags
            .get("rules")
            .map(f -> WorklogRules.load(Paths.get(f)))
            .orElseGet(WorklogRules::loadDefault);
    WorklogSettings settings =
        WorklogSettings.defaults(rules)
            .withMaxDetailed((int) maxDetailed)
            .withRevisionLookBack(Duration.ofHours(lookBackHours));
    String project = flags.get("project").orElse(null);
    if (project != null && project.isBlank()) {
      throw new Flags.UsageException("--project must not be empty");
    }
    Worklog worklog;
    Period period;
    try (IssueWindowSource source = IssueStores.open(store, project)) {
      period = period(flags, source);
      worklog = WorklogJob.run(source, period, settings, format, target, clock.instant());
    }
    out.printf(
        "worklog: %d categories (%d P0, %d P1) from %d entries, %s to %s, written to %s%n",
        worklog.categories().size(),
        worklog.count(Priority.P0),
        worklog.count(Priority.P1),
        worklog.totalEntries(),
        period.from(),
        period.to(),
        target);
    return 0;
  }

  /**
   * Writes the Markdown worklog of the 24 hours ending at the latest window of a local store, with
   * the shipped rules: what {@code run} chains after the pipeline.
   */
  public static Worklog writeLocal(Path store, Path out, Clock clock) throws Exception {
    return writeLocal(store, out, WorklogJob.Format.MD, clock);
  }

  /** Like {@link #writeLocal(Path, Path, Clock)}, in the given format. */
  public static Worklog writeLocal(Path store, Path out, WorklogJob.Format format, Clock clock)
      throws Exception {
    Period period;
    try (IssueWindowSource source = DuckDbIssueWindowSource.open(store)) {
      period =
          Period.hoursEnding(hourCeiling(source.latestWindowEnd().orElse(clock.instant())), 24);
    }
    return writeLocal(store, out, format, clock, period);
  }

  /** The worklog of the given period of a local store, with the shipped rules. */
  public static Worklog writeLocal(
      Path store, Path out, WorklogJob.Format format, Clock clock, Period period) throws Exception {
    try (IssueWindowSource source = DuckDbIssueWindowSource.open(store)) {
      return WorklogJob.run(
          source,
          period,
          WorklogSettings.defaults(WorklogRules.loadDefault()),
          format,
          out,
          clock.instant());
    }
  }

  static Instant hourCeiling(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(instant) ? instant : floor.plus(1, ChronoUnit.HOURS);
  }

  Period period(Flags flags, IssueWindowSource source) throws Exception {
    Optional<String> from = flags.get("from");
    Optional<String> to = flags.get("to");
    Optional<Long> hours = flags.getLong("hours");
    if (hours.isPresent() && (from.isPresent() || to.isPresent())) {
      throw new Flags.UsageException("give either --hours or --from and --to, not both");
    }
    if (flags.isSet("end-at-latest") && (from.isPresent() || to.isPresent())) {
      throw new Flags.UsageException("give either --end-at-latest or --from and --to, not both");
    }
    if (from.isPresent() != to.isPresent()) {
      throw new Flags.UsageException("--from and --to go together; give both or neither");
    }
    if (from.isPresent()) {
      Instant start = instant("from", from.get());
      Instant end = instant("to", to.get());
      if (!start.isBefore(end)) {
        throw new Flags.UsageException("--from must be before --to");
      }
      return new Period(start, end);
    }
    long length = hours.orElse(24L);
    if (length <= 0 || length > 24L * 366) {
      throw new Flags.UsageException("--hours must be between 1 and 8784, got " + length);
    }
    Instant end =
        flags.isSet("end-at-latest")
            ? hourCeiling(source.latestWindowEnd().orElse(clock.instant()))
            : clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return Period.hoursEnding(end, length);
  }

  static Instant instant(String flag, String text) throws Flags.UsageException {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Flags.UsageException(
          "--"
              + flag
              + " must be an RFC 3339 time such as 2026-11-28T00:00:00Z, got '"
              + text
              + "'");
    }
  }

  private static WorklogJob.Format format(Flags flags, Path target) throws Flags.UsageException {
    Optional<String> given = flags.get("format");
    if (given.isEmpty()) {
      return target.toString().endsWith(".json") ? WorklogJob.Format.JSON : WorklogJob.Format.MD;
    }
    WorklogJob.Format format = WorklogJob.Format.parse(given.get());
    if (format == null) {
      throw new Flags.UsageException("--format must be md or json, got '" + given.get() + "'");
    }
    return format;
  }
}
