package dev.loggardener.worklog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which revisions (Cloud Run revisions, App Engine versions, …) a category's entries come from, and
 * the one that looks like its cause, if any.
 *
 * <p>{@code issue_windows} keeps the distinct revisions of each one-minute pane, not a count per
 * revision. A pane with a single revision attributes all its entries to it; entries of panes that
 * several revisions share are {@code shared}, and panes without a revision are {@code unknown}. The
 * shares are therefore exact lower bounds.
 *
 * @param shares revisions with the entries attributed to them, most entries first
 * @param revisions every revision the category's panes name, sorted
 * @param shared entries of panes naming several revisions
 * @param unknown entries of panes naming none
 * @param suspect the revision that looks like the cause, or null
 */
public record RevisionEvidence(
    List<Share> shares, List<String> revisions, long shared, long unknown, Suspect suspect) {

  /** No revision known. */
  public static final RevisionEvidence NONE =
      new RevisionEvidence(List.of(), List.of(), 0, 0, null);

  /** Entries attributed to one revision and their share of the category's entries. */
  public record Share(String revision, long entries, double share) {
    public Share {
      Objects.requireNonNull(revision, "revision");
    }
  }

  /**
   * A revision that looks like the cause.
   *
   * @param reason {@code only_revision} (the only one of several revisions serving the service) or
   *     {@code new_revision} (at least 90 % of the entries, from a revision that started logging
   *     within the period or its look-back)
   * @param servingRevisions revisions of the service that logged in the period
   * @param afterRevisionStart from the revision's first stored entry to the category's first entry
   *     in it; both are known to the window size, so this is accurate to about one window
   */
  public record Suspect(
      String revision,
      String reason,
      double share,
      int servingRevisions,
      Duration afterRevisionStart) {
    public Suspect {
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(afterRevisionStart, "afterRevisionStart");
    }
  }

  public RevisionEvidence {
    shares = List.copyOf(shares);
    revisions = List.copyOf(revisions);
  }
}
