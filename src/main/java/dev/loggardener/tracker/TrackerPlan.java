package dev.loggardener.tracker;

import dev.loggardener.worklog.Period;
import java.util.List;
import java.util.Objects;

/**
 * What the tracker step will do for one period: per problem, the issue it follows and the writes it
 * needs, then the cross-links. A plan with no steps and no links writes nothing.
 */
public record TrackerPlan(Period period, List<Entry> entries, List<CrossLink> links) {
  public TrackerPlan {
    Objects.requireNonNull(period, "period");
    entries = List.copyOf(entries);
    links = List.copyOf(links);
  }

  /** One write against the tracker. */
  public sealed interface Step {}

  /**
   * Open a new issue.
   *
   * @param body with the fingerprint and period markers
   */
  public record Create(String title, String body, List<String> labels) implements Step {
    public Create {
      labels = List.copyOf(labels);
    }
  }

  /** Reopen the closed issue the problem follows. */
  public record Reopen() implements Step {}

  /**
   * Add the period's evidence as a comment.
   *
   * @param body with the period marker
   * @param regressed whether the comment says the problem came back
   */
  public record Comment(String body, boolean regressed) implements Step {}

  /**
   * The plan for one problem.
   *
   * @param issue the issue it follows, or null when there is none yet
   * @param steps writes in order; empty when the issue is up to date or creation is capped
   * @param note why nothing is written, or a remark such as other open issues with the same marker
   */
  public record Entry(Problem problem, RemoteIssue issue, List<Step> steps, String note) {
    public Entry {
      Objects.requireNonNull(problem, "problem");
      steps = List.copyOf(steps);
      note = note == null ? "" : note;
    }

    /** The word for what the plan does: create, update, reopen, none or skip. */
    public String verb() {
      if (steps.isEmpty()) {
        return issue == null ? "skip" : "none";
      }
      Step first = steps.get(0);
      if (first instanceof Create) {
        return "create";
      }
      return first instanceof Reopen ? "reopen" : "update";
    }
  }

  /**
   * A comment on {@code from}'s issue that names the other problem's issue.
   *
   * @param toProblem the other problem when it is part of this run, else null
   * @param toIssue the other issue when it is known already, else null (it is created in this run)
   */
  public record CrossLink(
      Problem from, String toFingerprint, Problem toProblem, RemoteIssue toIssue, String reason) {
    public CrossLink {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(toFingerprint, "toFingerprint");
      Objects.requireNonNull(reason, "reason");
      if (toProblem == null && toIssue == null) {
        throw new IllegalArgumentException("a cross-link needs the other problem or its issue");
      }
    }
  }

  /** Number of writes the plan makes: creations, reopenings, comments and cross-links. */
  public int writes() {
    return entries.stream().mapToInt(e -> e.steps().size()).sum() + links.size();
  }

  /** Number of issues the plan creates. */
  public long creations() {
    return entries.stream()
        .flatMap(e -> e.steps().stream())
        .filter(s -> s instanceof Create)
        .count();
  }
}
