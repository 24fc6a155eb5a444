package dev.loggardener.cli;

import dev.loggardener.github.GitHubRestClient;
import dev.loggardener.jobs.IssueStores;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.store.DuckDbTrackerLinks;
import dev.loggardener.tracker.IssueTracker;
import dev.loggardener.tracker.Problem;
import dev.loggardener.tracker.ProblemFactory;
import dev.loggardener.tracker.Tracker;
import dev.loggardener.tracker.TrackerSettings;
import dev.loggardener.tracker.WorklogAnnotation;
import dev.loggardener.worklog.IssueWindowSource;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code tracker}: files the P0–P1 problems of a period as GitHub issues and keeps them up to date.
 * A dry run (the default) prints the plan and writes nothing; {@code --apply} writes. The token is
 * read from {@code GITHUB_TOKEN} and never printed.
 */
public final class TrackerCommand implements Command {
  private final Clock clock;
  private final Function<String, String> environment;
  private final GitHubRestClient.Pacing pacing;
  private final GitHubRestClient.Sleeper sleeper;

  public TrackerCommand() {
    this(
        Clock.systemUTC(),
        System::getenv,
        GitHubRestClient.Pacing.defaults(),
        d -> Thread.sleep(d.toMillis()));
  }

  /** With the clock, environment and pacing tests choose. */
  public TrackerCommand(
      Clock clock,
      Function<String, String> environment,
      GitHubRestClient.Pacing pacing,
      GitHubRestClient.Sleeper sleeper) {
    this.clock = clock;
    this.environment = environment;
    this.pacing = pacing;
    this.sleeper = sleeper;
  }

  @Override
  public String name() {
    return "tracker";
  }

  @Override
  public String summary() {
    return "File the period's P0-P1 problems as GitHub issues and keep them updated (dry run).";
  }

  private static Flags flags() {
    return new Flags(
            "log-gardener tracker --store FILE --repo OWNER/NAME [--apply] [--from T --to T |"
                + " --hours N [--end-at-latest]] [--out FILE]",
            "Builds the worklog of a period, then finds or creates one GitHub issue per P0-P1\n"
                + "problem (marked with its fingerprint, labelled log-gardener), comments the\n"
                + "period's evidence once, reopens regressed issues and cross-links related ones.\n"
                + "Without --apply it only prints the plan. The token comes from GITHUB_TOKEN.\n"
                + "Example: GITHUB_TOKEN=... log-gardener tracker --store gardener.duckdb"
                + " --repo acme/platform --end-at-latest --apply")
        .option("store", "FILE", "DuckDB store file; tracker_links is kept there too.", null)
        .option("repo", "OWNER/NAME", "Repository the issues are filed in.", null)
        .option(
            "api-url",
            "URL",
            "GitHub API root; for GitHub Enterprise Server https://HOST/api/v3.",
            GitHubRestClient.PUBLIC_API.toString())
        .toggle("dry-run", "Print the plan and write nothing (the default).")
        .toggle("apply", "Create, comment, reopen and link as planned, and record tracker_links.")
        .option(
            "max-create",
            "N",
            "New issues per run at most.",
            String.valueOf(TrackerSettings.DEFAULT_MAX_CREATIONS))
        .toggle("no-reopen", "Open a new issue for a regression instead of reopening the old one.")
        .option("label", "NAME", "Label of filed issues.", TrackerSettings.DEFAULT_LABEL)
        .option("from", "RFC3339", "Start of the period, e.g. 2026-11-27T00:00:00Z.", null)
        .option("to", "RFC3339", "End of the period (exclusive), e.g. 2026-11-28T00:00:00Z.", null)
        .option("hours", "N", "Length of the period ending now, in hours.", null)
        .toggle(
            "end-at-latest",
            "End the period at the latest stored window instead of now (old or replayed data).")
        .option(
            "rules",
            "FILE",
            "Worklog rules file (default: the shipped pipelines/worklog-report/rules.yaml).",
            null)
        .option(
            "project",
            "ID",
            "Only the entries of this Google Cloud project (default: every project in the store).",
            null)
        .option(
            "out",
            "FILE",
            "Also write the worklog with each problem's issue and action (.json for JSON).",
            null);
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags = flags();
    if (!flags.parse(args, out)) {
      return 0;
    }
    if (flags.isSet("apply") && flags.isSet("dry-run")) {
      throw new Flags.UsageException("give either --apply or --dry-run, not both");
    }
    boolean apply = flags.isSet("apply");
    String store = flags.require("store");
    if (store.startsWith(IssueStores.BIGQUERY)) {
      throw new Flags.UsageException(
          "--store must be a DuckDB file; on BigQuery the worklog job runs the tracker step");
    }
    TrackerSettings settings = settings(flags);
    URI api = api(flags.get("api-url").orElseThrow());
    String token = environment.apply(GitHubRestClient.TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      throw new Flags.UsageException(
          GitHubRestClient.TOKEN_VARIABLE
              + " is not set; it needs a token that may read"
              + " and write the issues of "
              + settings.repository());
    }
    WorklogRules rules =
        flags
            .get("rules")
            .map(f -> WorklogRules.load(Paths.get(f)))
            .orElseGet(WorklogRules::loadDefault);
    WorklogSettings worklogSettings = WorklogSettings.defaults(rules);
    String project = flags.get("project").orElse(null);
    if (project != null && project.isBlank()) {
      throw new Flags.UsageException("--project must not be empty");
    }
    Worklog worklog;
    Period period;
    try (IssueWindowSource source = DuckDbIssueWindowSource.open(Paths.get(store), project)) {
      period = new WorklogCommand(clock).period(flags, source);
      worklog = WorklogJob.build(source, period, worklogSettings, clock.instant());
    }
    List<Problem> problems = ProblemFactory.problems(worklog);
    IssueTracker client =
        new GitHubRestClient(api, settings.repository(), token, pacing, sleeper, clock);
    Tracker.Result result;
    try (DuckDbStore links = DuckDbStore.open(Paths.get(store))) {
      result =
          new Tracker(client, new DuckDbTrackerLinks(links), settings, clock)
              .run(problems, period, apply);
    }
    print(out, settings, period, result);
    if (flags.get("out").isPresent()) {
      Path target = Paths.get(flags.get("out").get());
      WorklogJob.Format format =
          target.toString().endsWith(".json") ? WorklogJob.Format.JSON : WorklogJob.Format.MD;
      write(
          target,
          WorklogJob.render(WorklogAnnotation.annotate(worklog, result.outcomes()), format));
      out.println("tracker: worklog with issue links written to " + target);
    }
    result.errors().forEach(line -> err.println("tracker: " + line));
    return result.errors().isEmpty() ? 0 : 1;
  }

  private static TrackerSettings settings(Flags flags) throws Flags.UsageException {
    long maxCreate = flags.getLong("max-create").orElseThrow();
    if (maxCreate < 0 || maxCreate > 1000) {
      throw new Flags.UsageException("--max-create must be between 0 and 1000, got " + maxCreate);
    }
    try {
      return new TrackerSettings(
          flags.require("repo"),
          flags.get("label").orElseThrow(),
          !flags.isSet("no-reopen"),
          (int) maxCreate);
    } catch (IllegalArgumentException e) {
      throw new Flags.UsageException(e.getMessage());
    }
  }

  private static URI api(String text) throws Flags.UsageException {
    try {
      URI uri = new URI(text.trim());
      if (uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new Flags.UsageException(
          "--api-url must be an http(s) URL such as https://github.example.com/api/v3, got '"
              + text
              + "'");
    }
  }

  private static void print(
      PrintStream out, TrackerSettings settings, Period period, Tracker.Result result) {
    out.printf(
        "tracker: %s, period %s to %s, %d problems at P0-P1, %s%n",
        settings.repository(),
        period.from(),
        period.to(),
        result.outcomes().size(),
        result.applied() ? "applied" : "dry run (nothing written; --apply writes)");
    Map<String, Integer> counts = new TreeMap<>();
    for (Tracker.Outcome o : result.outcomes()) {
      counts.merge(o.action(), 1, Integer::sum);
      StringBuilder line = new StringBuilder("  ");
      line.append(String.format("%-13s", o.action()))
          .append(' ')
          .append(o.problem().priority().name())
          .append(' ')
          .append(o.problem().fingerprint(), 0, Math.min(12, o.problem().fingerprint().length()))
          .append("  ")
          .append(o.problem().title().replaceAll("\\s+", " "));
      if (o.issue() != null) {
        line.append("  ").append(o.issue().reference()).append(' ').append(o.issue().url());
      }
      if (!o.detail().isEmpty() && !o.failed()) {
        line.append("  (").append(o.detail()).append(')');
      }
      out.println(line);
    }
    result.linkLines().forEach(l -> out.println("  " + l));
    StringBuilder summary = new StringBuilder("tracker: ");
    counts.forEach((action, n) -> summary.append(n).append(' ').append(action).append(", "));
    summary
        .append(result.linkLines().size())
        .append(result.applied() ? " cross-links, " : " cross-links planned, ")
        .append(result.rows())
        .append(" tracker_links rows, ")
        .append(result.errors().size())
        .append(" errors");
    out.println(summary);
  }

  private static void write(Path out, String text) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }
}
