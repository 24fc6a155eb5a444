package dev.loggardener.tracker;

import dev.loggardener.worklog.MarkdownText;
import dev.loggardener.worklog.Period;

/**
 * The text the tracker writes: issue titles, bodies and comments, each carrying the markers that
 * {@link Markers} finds again. Log-derived text reaches it already escaped by {@link
 * ProblemFactory}; what is added here is fixed wording.
 */
public final class IssueText {
  /** GitHub refuses longer titles. */
  static final int MAX_TITLE = 256;

  private IssueText() {}

  /** The issue title: the category's title, cut to GitHub's limit. */
  public static String title(Problem problem) {
    String title = problem.title().replaceAll("\\s+", " ").strip();
    return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
  }

  /**
   * The body of a new issue.
   *
   * @param regressionOf the closed issue this one follows up, or null
   */
  public static String body(Problem problem, Period period, RemoteIssue regressionOf) {
    StringBuilder text = new StringBuilder();
    text.append(Markers.fingerprint(problem.fingerprint())).append('\n');
    text.append(Markers.period(period)).append('\n');
    if (regressionOf != null) {
      text.append("Regression of ")
          .append(regressionOf.reference())
          .append(", which was closed: the problem is back.\n\n");
    }
    text.append(problem.description());
    text.append("\n---\nFiled by Log Gardener from the worklog of ")
        .append(period.from())
        .append(" to ")
        .append(period.to())
        .append(". Fingerprint ")
        .append(MarkdownText.code(problem.fingerprint()))
        .append("; later periods are added as comments.\n");
    return text.toString();
  }

  /** The evidence comment of a period; {@code regressed} says the problem came back. */
  public static String comment(Problem problem, Period period, boolean regressed) {
    StringBuilder text = new StringBuilder();
    text.append(Markers.period(period)).append('\n');
    if (regressed) {
      text.append("**Regressed:** the problem is back after this issue was closed.\n\n");
    }
    text.append("**Evidence from ")
        .append(period.from())
        .append(" to ")
        .append(period.to())
        .append("**\n\n");
    text.append(problem.evidence());
    return text.toString();
  }

  /** The comment that cross-links two problems. */
  public static String crossLink(String otherFingerprint, String otherReference, String reason) {
    return Markers.related(otherFingerprint)
        + "\nRelated problem: "
        + otherReference
        + " ("
        + MarkdownText.text(reason)
        + ").\n";
  }
}
