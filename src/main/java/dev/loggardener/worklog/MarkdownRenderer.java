package dev.loggardener.worklog;

import static dev.loggardener.worklog.MarkdownText.code;
import static dev.loggardener.worklog.MarkdownText.codeBlock;
import static dev.loggardener.worklog.MarkdownText.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link Worklog} as Markdown in the shape of the hand-written worklogs: header,
 * executive summary, one section per detailed category, one-line rows for the rest, priority
 * matrix, next steps and totals. A pure function of the model; every text from a log line goes
 * through {@link MarkdownText}.
 */
public final class MarkdownRenderer {
  /** Sparklines are at most this many characters; longer periods sum neighbouring hours. */
  public static final int SPARKLINE_WIDTH = 48;

  /** Related messages listed per section; the JSON lists them all. */
  public static final int MAX_RELATED = 10;

  private static final DateTimeFormatter HEADER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final String RULE = "\n---\n\n";

  private MarkdownRenderer() {}

  /** The worklog as Markdown. */
  public static String render(Worklog worklog) {
    StringBuilder md = new StringBuilder();
    header(md, worklog);
    summary(md, worklog);
    for (Category category : worklog.detailed()) {
      md.append(RULE);
      section(md, category);
    }
    others(md, worklog);
    resolved(md, worklog);
    md.append(RULE);
    matrix(md, worklog);
    md.append(RULE);
    nextSteps(md, worklog);
    md.append(RULE);
    totals(md, worklog);
    return md.toString();
  }

  /** The period's projects, with their entry counts when asked; "none" for an empty period. */
  private static String projectNames(Worklog w, boolean withCounts) {
    if (w.projects().isEmpty()) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (Worklog.ProjectEntries project : w.projects()) {
      String name = project.projectId() == null ? "no project" : project.projectId();
      long entries = project.entries();
      names.add(
          withCounts ? name + " (" + entries + (entries == 1 ? " entry)" : " entries)") : name);
    }
    return String.join(", ", names);
  }

  private static void header(StringBuilder md, Worklog w) {
    md.append("# Log Gardener Worklog - ").append(text(projectNames(w, false))).append("\n\n");
    md.append("**Generated:** ").append(HEADER_TIME.format(w.generatedAt())).append("  \n");
    md.append(w.projects().size() > 1 ? "**Projects:** " : "**Project:** ")
        .append(text(projectNames(w, w.projects().size() > 1)))
        .append("  \n");
    md.append("**Service Scope:** ")
        .append(w.services().isEmpty() ? "none" : text(String.join(", ", w.services())))
        .append("  \n");
    md.append("**Log Period:** ")
        .append(HEADER_TIME.format(w.period().from()))
        .append(" to ")
        .append(HEADER_TIME.format(w.period().to()))
        .append(" (")
        .append(hours(w.period().length()))
        .append(")  \n");
    md.append("**Compared With:** the previous ").append(hours(w.period().length())).append("  \n");
    md.append("**Source:** ").append(text(w.source())).append("  \n");
    md.append("**Rules Version:** ").append(text(w.rulesVersion())).append("  \n");
  }

  private static void summary(StringBuilder md, Worklog w) {
    md.append("\n## Executive Summary\n\n");
    if (w.categories().isEmpty()) {
      md.append("No issues were logged in this period.\n");
      return;
    }
    md.append("Discovered **")
        .append(w.categories().size())
        .append(
            w.categories().size() == 1
                ? " issue category** from **"
                : " issue categories** from **")
        .append(w.totalEntries())
        .append(" log entries**: ");
    md.append(
            List.of(Priority.values()).stream()
                .map(p -> w.count(p) + " " + p.name())
                .collect(Collectors.joining(", ")))
        .append(". **")
        .append(w.critical())
        .append(" need attention (P0-P1).**\n");
    List<Category> urgent =
        w.categories().stream()
            .filter(c -> c.priority().ordinal() <= Priority.P1.ordinal())
            .toList();
    if (!urgent.isEmpty()) {
      md.append("\n**").append(Priority.P0.icon()).append(" CRITICAL BUSINESS IMPACT:**\n");
      for (Category c : urgent) {
        md.append("- ")
            .append(c.priority().icon())
            .append(" Issue #")
            .append(c.number())
            .append(": ")
            .append(text(c.impact()))
            .append('\n');
      }
    }
  }

  private static void section(StringBuilder md, Category c) {
    md.append("## Issue #")
        .append(c.number())
        .append(": ")
        .append(text(c.title()))
        .append(" (")
        .append(c.priority().label())
        .append(')');
    if (c.tracker() != null && c.tracker().status() != null) {
      md.append(" - ✅ ").append(text(c.tracker().status()));
    }
    md.append("\n\n");
    md.append("**Severity:** ").append(String.join("/", c.severities())).append("  \n");
    md.append("**Priority:** ")
        .append(c.priority().name())
        .append(' ')
        .append(c.priority().icon())
        .append(' ')
        .append(c.priority().label())
        .append(" - ")
        .append(c.priority().action())
        .append("  \n");
    md.append("**Frequency:** ").append(frequency(c)).append("  \n");
    md.append("**Hourly:** `").append(Sparkline.of(c.hourly(), SPARKLINE_WIDTH)).append("`  \n");
    md.append("**Service:** ").append(text(String.join(", ", c.services()))).append("  \n");
    md.append("**Module:** ")
        .append(
            c.loggers().isEmpty()
                ? "unknown"
                : c.loggers().stream().map(MarkdownText::code).collect(Collectors.joining(", ")))
        .append("  \n");
    if (c.tracker() != null) {
      md.append("**Tracker:** [")
          .append(text(c.tracker().label() == null ? c.tracker().url() : c.tracker().label()))
          .append("](")
          .append(c.tracker().url())
          .append(')');
      if (c.tracker().status() != null) {
        md.append(" - ").append(text(c.tracker().status()));
      }
      md.append("  \n");
    }
    md.append("\n**Error Message:**\n");
    md.append(codeBlock(List.of(c.primary().message())));
    md.append("\n**Technical Details:**\n");
    details(md, c.primary());
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
            .append(r.total() == 1 ? " occurrence" : " occurrences");
        if (r.logger() != null) {
          md.append(", ").append(code(r.logger()));
        }
        if (!r.sourceLocations().isEmpty()) {
          md.append(", ").append(code(r.sourceLocations().get(0).describe()));
        }
        md.append(")\n");
      }
      if (c.related().size() > MAX_RELATED) {
        md.append("- and ")
            .append(c.related().size() - MAX_RELATED)
            .append(" more related messages (all are in the JSON worklog)\n");
      }
      md.append("- Grouped by: ").append(text(String.join("; ", c.links()))).append('\n');
    }
    md.append("\n**Impact:** ").append(text(c.impact())).append('\n');
    md.append("\n**Why ").append(c.priority().name()).append(":** ");
    md.append(text(String.join("; ", c.priorityReasons()))).append('\n');
  }

  private static void details(StringBuilder md, FingerprintSummary s) {
    for (IssueWindow.SourceLocation location : s.sourceLocations()) {
      String file =
          location.file() == null
              ? null
              : location.file() + (location.line() == null ? "" : ":" + location.line());
      if (file != null) {
        md.append("- **File:** ").append(code(file)).append('\n');
      }
      if (location.function() != null) {
        md.append("- **Function:** ").append(code(location.function())).append('\n');
      }
    }
    if (s.exceptionType() != null) {
      md.append("- **Error Type:** ").append(code(s.exceptionType())).append('\n');
    }
    if (!s.versions().isEmpty()) {
      md.append("- **Versions:** ").append(text(String.join(", ", s.versions()))).append('\n');
    }
    md.append("- **First Seen:** ").append(s.firstSeen()).append('\n');
    md.append("- **Last Seen:** ").append(s.lastSeen()).append('\n');
    md.append("- **Timestamps:** ")
        .append(
            s.sampleTimestamps().stream().map(Instant::toString).collect(Collectors.joining(", ")))
        .append('\n');
    md.append("- **Template:** ").append(code(s.template())).append('\n');
    md.append("- **Fingerprint:** `").append(s.fingerprint()).append("`\n");
  }

  private static void others(StringBuilder md, Worklog w) {
    if (w.listed().isEmpty()) {
      return;
    }
    md.append(RULE).append("## Other Issues\n\n");
    md.append("| Issue | Priority | Severity | Count | Trend | Hourly | Service | Title |\n");
    md.append("|-------|----------|----------|-------|-------|--------|---------|-------|\n");
    for (Category c : w.listed()) {
      md.append("| #")
          .append(c.number())
          .append(" | ")
          .append(c.priority().name())
          .append(" | ")
          .append(String.join("/", c.severities()))
          .append(" | ")
          .append(c.total())
          .append(" | ")
          .append(trendWords(c))
          .append(" | ")
          .append(Sparkline.of(c.hourly(), 24))
          .append(" | ")
          .append(text(String.join(", ", c.services())))
          .append(" | ")
          .append(text(c.title()))
          .append(" |\n");
    }
    if (w.unlisted() > 0) {
      md.append("\n")
          .append(w.unlisted())
          .append(" more categories are counted in the totals only.\n");
    }
  }

  private static void resolved(StringBuilder md, Worklog w) {
    if (w.resolved().isEmpty()) {
      return;
    }
    md.append(RULE).append("## Resolved Since Last Period\n\n");
    List<Worklog.Resolved> shown = w.resolved().stream().limit(Math.max(1, w.maxListed())).toList();
    for (Worklog.Resolved r : shown) {
      md.append("- ")
          .append(code(r.template()))
          .append(" (")
          .append(r.maxSeverity())
          .append(", ")
          .append(text(r.service()))
          .append(", ")
          .append(r.previousTotal())
          .append(" in the previous period)\n");
    }
    if (shown.size() < w.resolved().size()) {
      md.append("- and ").append(w.resolved().size() - shown.size()).append(" more\n");
    }
  }

  private static void matrix(StringBuilder md, Worklog w) {
    md.append("## Priority Matrix\n\n");
    if (w.categories().isEmpty()) {
      md.append("No issue categories in this period.\n");
      return;
    }
    md.append(
        "| Issue | Severity | Business Impact | Priority | Action Required | Count | Trend |\n");
    md.append(
        "|-------|----------|-----------------|----------|-----------------|-------|-------|\n");
    for (Category c : w.detailed()) {
      md.append("| #")
          .append(c.number())
          .append(": ")
          .append(text(c.title()))
          .append(" | ")
          .append(String.join("/", c.severities()))
          .append(" | ")
          .append(c.priority().icon())
          .append(' ')
          .append(c.priority().label())
          .append(" | ")
          .append(c.priority().name())
          .append(" | ")
          .append(c.priority().action())
          .append(" | ")
          .append(c.total())
          .append(" | ")
          .append(trendWords(c))
          .append(" |\n");
    }
    if (w.categories().size() > w.detailed().size()) {
      md.append("\n")
          .append(w.categories().size() - w.detailed().size())
          .append(" further categories are listed under Other Issues or counted in the totals.\n");
    }
  }

  private static void nextSteps(StringBuilder md, Worklog w) {
    md.append("## Next Steps\n");
    boolean any = false;
    for (Priority p : List.of(Priority.P0, Priority.P1, Priority.P2)) {
      List<Category> due = w.categories().stream().filter(c -> c.priority() == p).toList();
      if (due.isEmpty()) {
        continue;
      }
      any = true;
      md.append("\n### ").append(p.action()).append(" Actions (").append(p.name()).append(")\n");
      int n = 1;
      for (Category c : due) {
        md.append(n++).append(". **Issue #").append(c.number()).append(":** ");
        md.append(c.tracker() == null ? "Investigate " : "Follow up on ");
        md.append(text(c.title()));
        if (c.tracker() != null) {
          md.append(" - [")
              .append(text(c.tracker().label() == null ? c.tracker().url() : c.tracker().label()))
              .append("](")
              .append(c.tracker().url())
              .append(')');
        }
        md.append('\n');
      }
    }
    if (!any) {
      md.append("\nNo action needed: nothing above P3 in this period.\n");
    }
  }

  private static void totals(StringBuilder md, Worklog w) {
    md.append("**End of Worklog**  \n");
    md.append("**Total Critical Issues:** ").append(w.critical()).append(" (P0-P1)  \n");
    md.append("**Total Issues Identified:** ").append(w.categories().size()).append("  \n");
    md.append("**Total Log Entries:** ").append(w.totalEntries()).append("  \n");
    md.append("**Resolved Since Last Period:** ").append(w.resolved().size()).append('\n');
  }

  static String frequency(Category c) {
    return c.total() + (c.total() == 1 ? " occurrence" : " occurrences") + ", " + trendWords(c);
  }

  static String trendWords(Category c) {
    String words = c.trend().words();
    if (c.change() != null) {
      words +=
          " ("
              + (c.change() >= 0 ? "+" : "−")
              + Math.abs(c.change())
              + "% vs "
              + c.previousTotal()
              + ")";
    }
    return words;
  }

  private static String hours(Duration length) {
    long hours = length.toHours();
    return length.equals(Duration.ofHours(hours))
        ? hours + (hours == 1 ? " hour" : " hours")
        : length.toString();
  }
}
