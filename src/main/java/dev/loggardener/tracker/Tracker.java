package dev.loggardener.tracker;

import dev.loggardener.worklog.Period;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tracker step: finds the issue of every P0–P1 problem, plans with {@link TrackerPlanner} and,
 * when asked to apply, carries the plan out and appends the links to {@code tracker_links}.
 *
 * <p>A refusal that concerns one problem (401, 403, 404, 422, a network error) becomes that
 * problem's error line and the other problems go on. Failing to list the labelled issues stops the
 * run before anything is written, since without that list an issue could be created twice. A dry
 * run sends no request that writes and writes no row.
 */
public final class Tracker {
  private final IssueTracker client;
  private final TrackerLinks links;
  private final TrackerSettings settings;
  private final Clock clock;

  public Tracker(IssueTracker client, TrackerLinks links, TrackerSettings settings, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.links = Objects.requireNonNull(links, "links");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!client.repository().equals(settings.repository())) {
      throw new IllegalArgumentException(
          "client repository " + client.repository() + " is not " + settings.repository());
    }
  }

  /**
   * What happened, or would happen, to one problem.
   *
   * @param issue the issue it follows afterwards, or null
   * @param action {@code created}, {@code updated}, {@code reopened}, {@code up to date}, {@code
   *     not filed}, {@code failed}, or in a dry run {@code would create} etc.
   * @param detail the plan's note or the error line, possibly empty
   */
  public record Outcome(Problem problem, RemoteIssue issue, String action, String detail) {
    public Outcome {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(action, "action");
      detail = detail == null ? "" : detail;
    }

    public boolean failed() {
      return action.equals("failed");
    }
  }

  /**
   * The result of a run.
   *
   * @param linkLines one line per cross-link, done or planned
   * @param errors one line per failure, each naming its problem
   * @param rows rows appended to {@code tracker_links}
   */
  public record Result(
      TrackerPlan plan,
      boolean applied,
      List<Outcome> outcomes,
      List<String> linkLines,
      List<String> errors,
      int rows) {
    public Result {
      outcomes = List.copyOf(outcomes);
      linkLines = List.copyOf(linkLines);
      errors = List.copyOf(errors);
    }
  }

  /**
   * Plans the period and, when {@code apply}, writes.
   *
   * @throws TrackerException when the labelled issues cannot be listed; nothing was written
   */
  public Result run(List<Problem> problems, Period period, boolean apply) throws Exception {
    Map<String, TrackerLink> known = links.latest(settings.repository());
    Map<String, List<RemoteIssue>> byFingerprint = new HashMap<>();
    for (RemoteIssue issue : client.labelled(settings.label())) {
      Markers.fingerprintOf(issue.body())
          .ifPresent(fp -> byFingerprint.computeIfAbsent(fp, k -> new ArrayList<>()).add(issue));
    }
    List<String> errors = new ArrayList<>();
    Map<String, Outcome> failed = new LinkedHashMap<>();
    Map<Long, List<String>> threads = new HashMap<>();
    List<Problem> plannable = new ArrayList<>();
    for (Problem problem : problems) {
      try {
        TrackerLink link = known.get(problem.fingerprint());
        List<RemoteIssue> candidates =
            byFingerprint.computeIfAbsent(problem.fingerprint(), k -> new ArrayList<>());
        if (link != null && candidates.stream().noneMatch(i -> i.number() == link.issueNumber())) {
          // The label or marker was removed by hand; the table still knows the issue.
          candidates.add(client.issue(link.issueNumber()));
        }
        RemoteIssue chosen = TrackerPlanner.chosen(candidates).orElse(null);
        if (chosen != null && !threads.containsKey(chosen.number())) {
          List<String> thread = new ArrayList<>();
          thread.add(chosen.body());
          thread.addAll(client.comments(chosen.number()));
          threads.put(chosen.number(), thread);
        }
        plannable.add(problem);
      } catch (TrackerException e) {
        String line = errorLine(problem, e);
        errors.add(line);
        failed.put(problem.fingerprint(), new Outcome(problem, null, "failed", line));
      }
    }
    TrackerPlan plan = new TrackerPlanner(settings).plan(plannable, period, byFingerprint, threads);
    List<Outcome> outcomes = new ArrayList<>();
    List<String> linkLines = new ArrayList<>();
    List<TrackerLink> rows = new ArrayList<>();
    Map<String, RemoteIssue> issues = new HashMap<>();
    for (TrackerPlan.Entry entry : plan.entries()) {
      Outcome outcome = apply ? execute(entry, errors) : planned(entry);
      outcomes.add(outcome);
      if (outcome.issue() != null) {
        issues.put(entry.problem().fingerprint(), outcome.issue());
      }
      if (apply && outcome.issue() != null) {
        TrackerLink row = row(entry.problem(), outcome, period);
        TrackerLink before = known.get(entry.problem().fingerprint());
        if (!entry.steps().isEmpty() || !sameIssue(before, row)) {
          rows.add(row);
        }
      }
    }
    for (TrackerPlan.CrossLink link : plan.links()) {
      linkLines.add(apply ? crossLink(link, issues, errors) : plannedLink(link, issues));
    }
    if (!rows.isEmpty()) {
      links.record(rows);
    }
    List<Outcome> ordered = new ArrayList<>();
    for (Problem problem : problems) {
      Outcome f = failed.get(problem.fingerprint());
      ordered.add(
          f != null
              ? f
              : outcomes.stream()
                  .filter(o -> o.problem().fingerprint().equals(problem.fingerprint()))
                  .findFirst()
                  .orElseThrow());
    }
    return new Result(plan, apply, ordered, linkLines, errors, rows.size());
  }

  private Outcome planned(TrackerPlan.Entry entry) {
    String verb = entry.verb();
    String action =
        switch (verb) {
          case "none" -> "up to date";
          case "skip" -> "not filed";
          default -> "would " + verb;
        };
    return new Outcome(entry.problem(), entry.issue(), action, entry.note());
  }

  private Outcome execute(TrackerPlan.Entry entry, List<String> errors) {
    if (entry.steps().isEmpty()) {
      return planned(entry);
    }
    RemoteIssue issue = entry.issue();
    String action = "updated";
    String detail = entry.note();
    try {
      for (TrackerPlan.Step step : entry.steps()) {
        if (step instanceof TrackerPlan.Create create) {
          issue = client.create(create.title(), create.body(), create.labels());
          action = "created";
          if (!issue.labels().contains(settings.label())) {
            detail =
                "GitHub dropped the label "
                    + settings.label()
                    + " (the token lacks push access); tracker_links still finds the issue";
          }
        } else if (step instanceof TrackerPlan.Reopen) {
          client.reopen(issue.number());
          issue =
              new RemoteIssue(
                  issue.number(), issue.url(), true, issue.title(), issue.body(), issue.labels());
          action = "reopened";
        } else if (step instanceof TrackerPlan.Comment comment) {
          client.comment(issue.number(), comment.body());
          action = comment.regressed() ? "reopened" : "updated";
        }
      }
    } catch (TrackerException e) {
      String line = errorLine(entry.problem(), e);
      errors.add(line);
      return new Outcome(entry.problem(), entry.issue(), "failed", line);
    }
    return new Outcome(entry.problem(), issue, action, detail);
  }

  private String crossLink(
      TrackerPlan.CrossLink link, Map<String, RemoteIssue> issues, List<String> errors) {
    RemoteIssue from = issues.get(link.from().fingerprint());
    RemoteIssue to = link.toIssue() != null ? link.toIssue() : issues.get(link.toFingerprint());
    if (from == null || to == null) {
      return "link skipped: "
          + shortId(link.from())
          + " and "
          + shorten(link.toFingerprint())
          + " lack an issue";
    }
    try {
      client.comment(
          from.number(), IssueText.crossLink(link.toFingerprint(), to.reference(), link.reason()));
      return "linked " + from.reference() + " to " + to.reference() + " (" + link.reason() + ")";
    } catch (TrackerException e) {
      String line = errorLine(link.from(), e);
      errors.add(line);
      return "link failed: " + line;
    }
  }

  private static String plannedLink(TrackerPlan.CrossLink link, Map<String, RemoteIssue> issues) {
    RemoteIssue from = issues.get(link.from().fingerprint());
    RemoteIssue to = link.toIssue() != null ? link.toIssue() : issues.get(link.toFingerprint());
    return "would link "
        + (from == null ? "new issue of " + shortId(link.from()) : from.reference())
        + " to "
        + (to == null ? "new issue of " + shorten(link.toFingerprint()) : to.reference())
        + " ("
        + link.reason()
        + ")";
  }

  private TrackerLink row(Problem problem, Outcome outcome, Period period) {
    return new TrackerLink(
        problem.fingerprint(),
        settings.repository(),
        outcome.issue().number(),
        outcome.issue().url(),
        outcome.issue().open() ? "open" : "closed",
        outcome.action(),
        period.from(),
        period.to(),
        clock.instant());
  }

  private static boolean sameIssue(TrackerLink before, TrackerLink now) {
    return before != null
        && before.issueNumber() == now.issueNumber()
        && before.state().equals(now.state());
  }

  /** One line naming the problem and what GitHub said; never the token. */
  static String errorLine(Problem problem, TrackerException e) {
    return problem.priority().name()
        + " "
        + shortId(problem)
        + " \""
        + IssueText.title(problem)
        + "\": "
        + e.getMessage();
  }

  static String shortId(Problem problem) {
    return shorten(problem.fingerprint());
  }

  private static String shorten(String fingerprint) {
    return fingerprint.length() <= 12 ? fingerprint : fingerprint.substring(0, 12);
  }
}
