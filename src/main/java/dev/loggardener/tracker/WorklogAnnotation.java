package dev.loggardener.tracker;

import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the tracker step's outcome into the worklog: each problem's category follows its issue, with
 * what was done ({@code #372 updated}, {@code #401 created}) as the status the renderers print.
 * Categories without an issue keep what their rule said.
 */
public final class WorklogAnnotation {
  private WorklogAnnotation() {}

  /** The worklog with the issues of {@code outcomes}. */
  public static Worklog annotate(Worklog worklog, List<Tracker.Outcome> outcomes) {
    Map<String, Tracker.Outcome> byCategory = new HashMap<>();
    for (Tracker.Outcome o : outcomes) {
      if (o.issue() != null) {
        byCategory.put(o.problem().categoryId(), o);
      }
    }
    if (byCategory.isEmpty()) {
      return worklog;
    }
    return worklog.withCategories(
        worklog.categories().stream()
            .map(
                c -> {
                  Tracker.Outcome o = byCategory.get(c.id());
                  return o == null ? c : c.withTracker(tracker(o));
                })
            .toList());
  }

  private static WorklogRule.Tracker tracker(Tracker.Outcome o) {
    String status = o.failed() ? "not updated: " + o.detail() : o.action();
    return new WorklogRule.Tracker(o.issue().url(), o.issue().reference(), status);
  }
}
