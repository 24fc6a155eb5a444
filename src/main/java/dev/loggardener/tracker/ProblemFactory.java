package dev.loggardener.tracker;

import static dev.loggardener.worklog.MarkdownText.code;
import static dev.loggardener.worklog.MarkdownText.text;

import dev.loggardener.worklog.Categorizer;
import dev.loggardener.worklog.Category;
import dev.loggardener.worklog.FingerprintSummary;
import dev.loggardener.worklog.IssueWindow;
import dev.loggardener.worklog.MarkdownRenderer;
import dev.loggardener.worklog.MarkdownText;
import dev.loggardener.worklog.Priority;
import dev.loggardener.worklog.Sparkline;
import dev.loggardener.worklog.Worklog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a worklog's P0–P1 categories into {@link Problem}s: identity, labels, the issue body from
 * the category's worklog section and the period's evidence. Every text taken from logs is escaped
 * or put in code, so a log line cannot mention people, reference issues or add markup.
 */
public final class ProblemFactory {
  /** Related messages listed in an issue body. */
  static final int MAX_RELATED = 5;

  /** GitHub refuses longer label names. */
  static final int MAX_LABEL = 50;

  private ProblemFactory() {}

  /** The worklog's problems at P0 or P1, most urgent first. */
  public static List<Problem> problems(Worklog worklog) {
    List<Problem> problems = new ArrayList<>();
    for (Category c : worklog.categories()) {
      if (c.problem() && (c.priority() == Priority.P0 || c.priority() == Priority.P1)) {
        problems.add(problem(worklog, c));
      }
    }
    return problems;
  }

  static Problem problem(Worklog worklog, Category c) {
    List<String> labels = new ArrayList<>();
    labels.add(c.priority().name());
    for (String service : c.services()) {
      labels.add(cut("service:" + service));
    }
    Set<String> keys = new TreeSet<>();
    for (FingerprintSummary m : c.members()) {
      m.traceIds().forEach(t -> keys.add("trace:" + t));
      Categorizer.tokens(m.template()).forEach(t -> keys.add("token:" + t));
    }
    return new Problem(
        c.primary().fingerprint(),
        c.id(),
        c.title(),
        c.priority(),
        labels,
        description(worklog, c),
        evidence(worklog, c),
        keys,
        c.related().stream().map(FingerprintSummary::fingerprint).toList(),
        c.links());
  }

  private static String cut(String label) {
    return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL);
  }

  private static String description(Worklog w, Category c) {
    FingerprintSummary p = c.primary();
    StringBuilder md = new StringBuilder();
    md.append("**Priority:** ")
        .append(c.priority().name())
        .append(' ')
        .append(c.priority().label())
        .append(" - ")
        .append(text(String.join("; ", c.priorityReasons())))
        .append("  \n");
    List<String> projects =
        w.projects().stream()
            .map(Worklog.ProjectEntries::projectId)
            .filter(java.util.Objects::nonNull)
            .toList();
    if (!projects.isEmpty()) {
      md.append("**Project:** ").append(text(String.join(", ", projects))).append("  \n");
    }
    md.append("**Service:** ").append(text(String.join(", ", c.services()))).append("  \n");
    md.append("**Severity:** ").append(String.join("/", c.severities())).append("  \n");
    md.append("**Impact:** ").append(text(c.impact())).append("\n\n");
    md.append("**Error Message:**\n").append(MarkdownText.codeBlock(List.of(p.message())));
    md.append("\n**Technical Details:**\n");
    for (IssueWindow.SourceLocation l : p.sourceLocations()) {
      if (l.file() != null) {
        md.append("- **File:** ")
            .append(code(l.file() + (l.line() == null ? "" : ":" + l.line())))
            .append('\n');
      }
      if (l.function() != null) {
        md.append("- **Function:** ").append(code(l.function())).append('\n');
      }
    }
    if (p.logger() != null) {
      md.append("- **Module:** ").append(code(p.logger())).append('\n');
    }
    if (p.exceptionType() != null) {
      md.append("- **Error Type:** ").append(code(p.exceptionType())).append('\n');
    }
    md.append("- **First Seen:** ").append(p.firstSeen()).append('\n');
    md.append(evidence(w, c));
    if (!c.related().isEmpty()) {
      md.append("\n**Related Messages:**\n");
      for (FingerprintSummary r :
          c.related().subList(0, Math.min(MAX_RELATED, c.related().size()))) {
        md.append("- ")
            .append(code(r.message()))
            .append(" (")
            .append(r.maxSeverity())
            .append(", ")
            .append(r.total())
            .append(")\n");
      }
      if (!c.links().isEmpty()) {
        md.append("- Grouped by: ").append(text(String.join("; ", c.links()))).append('\n');
      }
    }
    return md.toString();
  }

  /** Counts, trend, sparkline, revisions and share of the period's entries. */
  private static String evidence(Worklog w, Category c) {
    StringBuilder md = new StringBuilder();
    md.append("- **Occurrences:** ")
        .append(c.total())
        .append(" in this period, ")
        .append(c.previousTotal())
        .append(" in the period before (")
        .append(c.trend().words());
    if (c.change() != null) {
      md.append(", ").append(c.change() >= 0 ? "+" : "").append(c.change()).append(" %");
    }
    md.append(")\n");
    md.append("- **Hourly:** `")
        .append(Sparkline.of(c.hourly(), MarkdownRenderer.SPARKLINE_WIDTH))
        .append("`\n");
    md.append("- **Last Seen:** ").append(c.primary().lastSeen()).append('\n');
    List<String> versions = c.primary().versions();
    if (!versions.isEmpty()) {
      // Revisions are kept sorted by name, not by deploy time: all of them are suspects.
      md.append("- **Revisions:** ")
          .append(versions.stream().map(MarkdownText::code).collect(Collectors.joining(", ")))
          .append('\n');
    }
    if (w.totalEntries() > 0) {
      md.append("- **Failure Share:** ")
          .append(String.format(Locale.ROOT, "%.1f %%", c.total() * 100.0 / w.totalEntries()))
          .append(" of the ")
          .append(w.totalEntries())
          .append(" entries of the period\n");
    }
    return md.toString();
  }
}
