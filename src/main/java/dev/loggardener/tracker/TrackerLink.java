package dev.loggardener.tracker;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code tracker_links}: which issue follows a fingerprint, and what was last done to
 * it. The table is append-only; the latest row per fingerprint and repository is the current link.
 *
 * @param state {@code open} or {@code closed}, as left by the run
 * @param action what the run did: created, updated, reopened, linked
 * @param periodFrom start of the period whose evidence the issue holds
 * @param periodTo end of that period (exclusive)
 */
public record TrackerLink(
    String fingerprint,
    String repository,
    long issueNumber,
    String issueUrl,
    String state,
    String action,
    Instant periodFrom,
    Instant periodTo,
    Instant updatedAt) {
  public TrackerLink {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(issueUrl, "issueUrl");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(periodFrom, "periodFrom");
    Objects.requireNonNull(periodTo, "periodTo");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
