package dev.loggardener.worklog;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One issue category of a worklog: fingerprints that describe one kind of log activity, with their
 * priority, trend and the rule that applied. A category is a problem or routine activity.
 *
 * @param number rank in the worklog, from 1: problems first, most urgent first, then routine
 *     activity, most entries first
 * @param id stable id: the first 12 hex digits of the primary fingerprint
 * @param primary the most severe, then most frequent member; its message leads the section
 * @param related the other members, most severe and frequent first
 * @param links why the members were grouped, e.g. {@code same error code auth_service_unreachable}
 * @param severities distinct severities of the members, most severe first
 * @param change signed change in percent against the previous period, or null
 * @param rule the id of the rule that applied, or null
 * @param tracker the tracker issue from the rule, or the one the tracker step filed, or null
 * @param problem whether it is a problem: WARNING or worse, matched by a rule, or anomalous (new
 *     against a baseline, or rising sharply); otherwise it is routine activity
 * @param problemReasons why it is a problem; empty for routine activity
 * @param titleIsTemplate whether the title is the primary template (shown as code) rather than a
 *     rule's title
 * @param revisions the revisions its entries come from, with a suspect when one stands out
 * @param routeFailure the failure share of its request route, or null when it is no request log
 */
public record Category(
    int number,
    String id,
    String title,
    Priority priority,
    List<String> priorityReasons,
    List<String> severities,
    long total,
    long previousTotal,
    Trend trend,
    Long change,
    List<Long> hourly,
    List<String> services,
    List<String> loggers,
    FingerprintSummary primary,
    List<FingerprintSummary> related,
    List<String> links,
    String impact,
    boolean expected,
    String rule,
    WorklogRule.Tracker tracker,
    boolean problem,
    List<String> problemReasons,
    boolean titleIsTemplate,
    RevisionEvidence revisions,
    RouteFailure routeFailure) {
  public Category {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(trend, "trend");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(impact, "impact");
    priorityReasons = List.copyOf(priorityReasons);
    severities = List.copyOf(severities);
    hourly = List.copyOf(hourly);
    services = List.copyOf(services);
    loggers = List.copyOf(loggers);
    related = List.copyOf(related);
    links = List.copyOf(links);
    problemReasons = List.copyOf(problemReasons);
    Objects.requireNonNull(revisions, "revisions");
  }

  /** The same category with another rank. */
  public Category numbered(int rank) {
    return copy(rank, tracker);
  }

  /** All members, primary first. */
  public List<FingerprintSummary> members() {
    return Stream.concat(Stream.of(primary), related.stream()).toList();
  }

  /** This category following another tracker issue. */
  public Category withTracker(WorklogRule.Tracker value) {
    return copy(number, value);
  }

  private Category copy(int rank, WorklogRule.Tracker trackerIssue) {
    return new Category(
        rank,
        id,
        title,
        priority,
        priorityReasons,
        severities,
        total,
        previousTotal,
        trend,
        change,
        hourly,
        services,
        loggers,
        primary,
        related,
        links,
        impact,
        expected,
        rule,
        trackerIssue,
        problem,
        problemReasons,
        titleIsTemplate,
        revisions,
        routeFailure);
  }
}
