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
    routine(md, worklog);
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
        .append(w.services().isEmpty() ? "none" : codes(w.services()))
        .append("  \n");
    md.append("**Log Period:** ")
        .append(HEADER_TIME.format(w.period().from()))
        .append(" to ")
        .append(HEADER_TIME.format(w.period().to()))
        .append(" (")
        .append(hours(w.period().length()))
        .append(")  \n");
    if (w.baseline()) {
      md.append("**Compared With:** the previous ")
          .append(hours(w.period().length()))
          .append("  \n");
    } else {
      md.append("**Baseline:** none - the store holds nothing before this period, so no trends")
          .append(" and nothing is called new  \n");
    }
    md.append("**Source:** ").append(text(w.source())).append("  \n");
    md.append("**Rules Version:** ").append(text(w.rulesVersion())).append("  \n");
  }

  private static void summary(StringBuilder md, Worklog w) {
    md.append("\n## Executive Summary\n\n");
    if (w.categories().isEmpty()) {
      md.append("No log activity in this period.\n");
      return;
    }
    int problems = w.problems().size();
    md.append("**")
        .append(problems)
        .append(problems == 1 ? " problem" : " problems")
        .append(", ")
        .append(w.critical())
        .append(" need attention (P0-P1)**, among ")
        .append(w.categories().size())
        .append(w.categories().size() == 1 ? " kind" : " kinds")
        .append(" of log activity (")
        .append(String.format(java.util.Locale.ROOT, "%,d", w.totalEntries()))
        .append(" log entries).");
    if (problems > 0) {
      md.append(" Problems by priority: ")
          .append(
              List.of(Priority.values()).stream()
                  .map(p -> w.count(p) + " " + p.name())
                  .collect(Collectors.joining(", ")))
          .append('.');
    }
    md.append('\n');
    List<Category> urgent =
        w.problems().stream().filter(c -> c.priority().ordinal() <= Priority.P1.ordinal()).toList();
    if (!urgent.isEmpty()) {
      md.append("\n**").append(Priority.P0.icon()).append(" CRITICAL BUSINESS IMPACT:**\n");
      for (Category c : urgent) {
        md.append("- ")
            .append(c.priority().icon())
            .append(" Issue #")
            .append(c.number())
            .append(" ")
            .append(title(c))
            .append(": ")
            .append(text(c.impact()))
            .append('\n');
      }
    }
  }

  /** The title as code when it is a template from the logs, else as prose. */
  static String title(Category c) {
    return c.titleIsTemplate() ? code(c.title()) : text(c.title());
  }

  /** The title for a table cell: as {@link #title}, with pipes escaped for the table. */
  private static String cellTitle(Category c) {
    return c.titleIsTemplate() ? cell(c.title()) : text(c.title());
  }

  /** Values from the logs as code spans, comma-separated. */
  private static String codes(List<String> values) {
    return values.stream().map(MarkdownText::code).collect(Collectors.joining(", "));
  }

  /** A code span inside a table cell: GitHub ends a cell at any unescaped pipe, even in code. */
  private static String cell(String raw) {
    return code(raw).replace("|", "\\|");
  }

  private static void section(StringBuilder md, Category c) {
    md.append("## Issue #")
        .append(c.number())
        .append(": ")
        .append(title(c))
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
    md.append("**")
        .append(sparklineLabel(c))
        .append(":** `")
        .append(sparkline(c, SPARKLINE_WIDTH))
        .append("`  \n");
    md.append("**Service:** ").append(codes(c.services())).append("  \n");
    md.append("**Why a problem:** ")
        .append(text(String.join("; ", c.problemReasons())))
        .append("  \n");
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
    evidence(md, c);
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
      md.append("- Grouped by: ").append(codes(c.links())).append('\n');
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
      md.append("- **Versions:** ").append(codes(s.versions())).append('\n');
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
    md.append(RULE).append("## Other Problems\n\n");
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
          .append(sparkline(c, 24))
          .append(" | ")
          .append(cellCodes(c.services()))
          .append(" | ")
          .append(cellTitle(c))
          .append(" |\n");
    }
    if (w.unlisted() > 0) {
      md.append("\n")
          .append(w.unlisted())
          .append(" more problems are counted in the totals only (all are in the JSON worklog).\n");
    }
  }

  private static void routine(StringBuilder md, Worklog w) {
    List<Category> routine = w.routine();
    if (routine.isEmpty()) {
      return;
    }
    md.append(RULE).append("## Routine Activity\n\n");
    md.append(routine.size())
        .append(routine.size() == 1 ? " kind" : " kinds")
        .append(" of log activity that is no problem: below WARNING, matched by no rule and")
        .append(w.baseline() ? " neither new nor rising sharply" : " (without a baseline) not")
        .append(w.baseline() ? "" : " judged by trend")
        .append(". The ")
        .append(w.routineListed().size())
        .append(" busiest:\n\n");
    md.append("| Template | Service | Count | Trend | ").append(unit(w)).append(" |\n");
    md.append("|----------|---------|-------|-------|").append("-".repeat(unit(w).length() + 2));
    md.append("|\n");
    for (Category c : w.routineListed()) {
      md.append("| ")
          .append(cell(c.primary().template()))
          .append(c.members().size() > 1 ? " and " + (c.members().size() - 1) + " similar" : "")
          .append(" | ")
          .append(cellCodes(c.services()))
          .append(" | ")
          .append(c.total())
          .append(" | ")
          .append(trendWords(c))
          .append(" | ")
          .append(sparkline(c, 24))
          .append(" |\n");
    }
    int rest = routine.size() - w.routineListed().size();
    if (rest > 0) {
      long entries =
          routine.subList(w.routineListed().size(), routine.size()).stream()
              .mapToLong(Category::total)
              .sum();
      md.append("\n")
          .append(rest)
          .append(rest == 1 ? " more kind" : " more kinds")
          .append(" of routine activity with ")
          .append(entries)
          .append(entries == 1 ? " entry" : " entries")
          .append(" in all (every one is in the JSON worklog).\n");
    }
  }

  /** The facts a reader checks next: the failing route, the revisions, the suspect revision. */
  private static void evidence(StringBuilder md, Category c) {
    if (c.routeFailure() == null && c.revisions().revisions().isEmpty()) {
      return;
    }
    md.append("\n**Evidence:**\n");
    RouteFailure route = c.routeFailure();
    if (route != null) {
      md.append("- **Failing route:** ")
          .append(
              String.format(java.util.Locale.ROOT, "%,d of %,d ", route.failed(), route.requests()))
          .append(code(route.route()))
          .append(" requests returned ")
          .append(RouteFailure.FAILED_CLASS)
          .append(", ")
          .append(route.percent())
          .append('\n');
    }
    RevisionEvidence r = c.revisions();
    if (!r.revisions().isEmpty()) {
      md.append("- **Revisions:** ");
      md.append(
          r.shares().stream()
              .map(s -> code(s.revision()) + " " + s.entries() + " (" + percent(s.share()) + ")")
              .collect(Collectors.joining(", ")));
      List<String> unattributed = new java.util.ArrayList<>();
      if (r.shared() > 0) {
        unattributed.add(r.shared() + " in minutes several revisions shared");
      }
      if (r.unknown() > 0) {
        unattributed.add(r.unknown() + " without a revision");
      }
      if (r.shares().isEmpty()) {
        md.append(codes(r.revisions()));
      }
      if (!unattributed.isEmpty()) {
        md.append(r.shares().isEmpty() ? " (" : "; ").append(String.join(", ", unattributed));
        md.append(r.shares().isEmpty() ? ")" : "");
      }
      md.append('\n');
    }
    if (r.suspect() != null) {
      RevisionEvidence.Suspect s = r.suspect();
      md.append("- **Suspect revision:** ");
      if (s.reason().equals("only_revision")) {
        md.append("only in revision ")
            .append(code(s.revision()))
            .append(" (of ")
            .append(s.servingRevisions())
            .append(" revisions serving the service)");
      } else {
        md.append(percent(s.share()))
            .append(" of its entries in revision ")
            .append(code(s.revision()))
            .append(", which started logging in this period");
      }
      md.append(", first seen ")
          .append(minutes(s.afterRevisionStart()))
          .append(" after that revision's first entry\n");
    }
  }

  private static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
  }

  private static String minutes(Duration d) {
    long minutes = Math.round(d.getSeconds() / 60.0);
    return minutes < 1 ? "within a minute" : minutes + " min";
  }

  /** Services as code spans for a table cell. */
  private static String cellCodes(List<String> values) {
    return values.stream().map(MarkdownRenderer::cell).collect(Collectors.joining(", "));
  }

  /** Periods of two days or more are drawn per day, shorter ones per hour. */
  static boolean daily(Period period) {
    return period.hourBuckets() >= 48;
  }

  private static String unit(Worklog w) {
    return daily(w.period()) ? "Daily" : "Hourly";
  }

  private static String sparklineLabel(Category c) {
    return c.hourly().size() >= 48 ? "Daily" : "Hourly";
  }

  /** The category's sparkline: per day for periods of two days or more, else per hour. */
  static String sparkline(Category c, int width) {
    List<Long> counts = c.hourly().size() >= 48 ? Sparkline.daily(c.hourly()) : c.hourly();
    return Sparkline.of(counts, width);
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
          .append(code(r.service()))
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
    if (w.problems().isEmpty()) {
      md.append("No problems in this period.\n");
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
          .append(cellTitle(c))
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
    if (w.problems().size() > w.detailed().size()) {
      md.append("\n")
          .append(w.problems().size() - w.detailed().size())
          .append(" further problems are listed under Other Problems or counted in the totals.\n");
    }
  }

  private static void nextSteps(StringBuilder md, Worklog w) {
    md.append("## Next Steps\n");
    boolean any = false;
    for (Priority p : List.of(Priority.P0, Priority.P1, Priority.P2)) {
      List<Category> due = w.problems().stream().filter(c -> c.priority() == p).toList();
      if (due.isEmpty()) {
        continue;
      }
      any = true;
      md.append("\n### ").append(p.action()).append(" Actions (").append(p.name()).append(")\n");
      int n = 1;
      for (Category c : due) {
        md.append(n++).append(". **Issue #").append(c.number()).append(":** ");
        md.append(c.tracker() == null ? "Investigate " : "Follow up on ");
        md.append(title(c));
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
    md.append("**Total Issues Identified:** ").append(w.problems().size()).append("  \n");
    md.append("**Kinds of Log Activity:** ").append(w.categories().size()).append("  \n");
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
