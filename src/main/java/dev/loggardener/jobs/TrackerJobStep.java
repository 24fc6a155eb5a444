package dev.loggardener.jobs;

import dev.loggardener.beam.WriteWorklog;
import dev.loggardener.github.GitHubRestClient;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.store.DuckDbTrackerLinks;
import dev.loggardener.tracker.ProblemFactory;
import dev.loggardener.tracker.Tracker;
import dev.loggardener.tracker.TrackerLinks;
import dev.loggardener.tracker.TrackerSettings;
import dev.loggardener.tracker.WorklogAnnotation;
import dev.loggardener.worklog.Worklog;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker step of the worklog job: files the worklog's P0–P1 problems in GitHub, keeps {@code
 * tracker_links} in the issue store, and hands on the worklog with each problem's issue and action.
 * Logs one line per problem and per cross-link, and one per refusal; never the token. A refusal of
 * one problem leaves the others and the worklog untouched; failing to list the repository's issues
 * fails the job before anything is written.
 */
public final class TrackerJobStep implements WriteWorklog.BeforeWriting {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TrackerJobStep.class);

  /** Where the token comes from; serializable so it travels to the worker, never the token. */
  @FunctionalInterface
  public interface TokenSource extends Serializable {
    String token() throws IOException;
  }

  private final String store;
  private final TrackerSettings settings;
  private final String api;
  private final boolean apply;
  private final TokenSource tokens;

  /**
   * @param store the issue store, {@code bigquery:PROJECT.DATASET} or a DuckDB file
   * @param api the GitHub API root
   * @param apply write (true) or only log the plan (false)
   */
  public TrackerJobStep(
      String store, TrackerSettings settings, String api, boolean apply, TokenSource tokens) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.api = Objects.requireNonNull(api, "api");
    this.apply = apply;
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Worklog apply(Worklog worklog) throws Exception {
    GitHubRestClient client =
        GitHubRestClient.create(URI.create(api), settings.repository(), tokens.token());
    Tracker.Result result;
    if (store.startsWith(IssueStores.BIGQUERY)) {
      result =
          run(
              client,
              BigQueryTrackerLinks.open(store.substring(IssueStores.BIGQUERY.length())),
              worklog);
    } else {
      try (DuckDbStore local = DuckDbStore.open(Paths.get(store))) {
        result = run(client, new DuckDbTrackerLinks(local), worklog);
      }
    }
    for (Tracker.Outcome o : result.outcomes()) {
      LOG.info(
          "tracker {} {} {} {}{}",
          o.action(),
          o.problem().priority(),
          o.problem().categoryId(),
          o.issue() == null ? "(no issue)" : o.issue().url(),
          o.detail().isEmpty() || o.failed() ? "" : " (" + o.detail() + ")");
    }
    result.linkLines().forEach(line -> LOG.info("tracker {}", line));
    result.errors().forEach(line -> LOG.error("tracker refused: {}", line));
    LOG.info(
        "tracker {} {} problems in {}: {} rows appended to tracker_links, {} errors",
        apply ? "applied" : "planned (dry run)",
        result.outcomes().size(),
        settings.repository(),
        result.rows(),
        result.errors().size());
    return WorklogAnnotation.annotate(worklog, result.outcomes());
  }

  private Tracker.Result run(GitHubRestClient client, TrackerLinks links, Worklog worklog)
      throws Exception {
    return new Tracker(client, links, settings, Clock.systemUTC())
        .run(ProblemFactory.problems(worklog), worklog.period(), apply);
  }
}
