package dev.loggardener.worklog;

import java.time.Duration;
import java.util.Objects;

/**
 * What a worklog run is configured with, besides its input.
 *
 * @param maxDetailed categories that get a full section; the rest are one-line rows
 * @param maxListed one-line rows at most; further categories are only counted
 * @param highVolume entries per period from which a WARNING-or-worse category is raised one step
 * @param maxRoutine routine categories listed in the routine-activity table, by volume; the rest
 *     are counted in one line
 * @param revisionLookBack how long before the period a revision may have started logging and still
 *     count as new when it carries most of a problem
 */
public record WorklogSettings(
    int maxDetailed,
    int maxListed,
    long highVolume,
    WorklogRules rules,
    int maxRoutine,
    Duration revisionLookBack) {
  public static final int DEFAULT_MAX_DETAILED = 10;
  public static final int DEFAULT_MAX_LISTED = 200;
  public static final long DEFAULT_HIGH_VOLUME = 1000;
  public static final int DEFAULT_MAX_ROUTINE = 15;
  public static final Duration DEFAULT_REVISION_LOOK_BACK = Duration.ZERO;

  /** With the default routine-table size and revision look-back. */
  public WorklogSettings(int maxDetailed, int maxListed, long highVolume, WorklogRules rules) {
    this(
        maxDetailed, maxListed, highVolume, rules, DEFAULT_MAX_ROUTINE, DEFAULT_REVISION_LOOK_BACK);
  }

  public WorklogSettings {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(revisionLookBack, "revisionLookBack");
    if (maxDetailed < 0 || maxListed < 0 || maxRoutine < 0 || highVolume <= 0) {
      throw new IllegalArgumentException(
          "maxDetailed, maxListed and maxRoutine must not be negative and highVolume must be"
              + " positive");
    }
    if (revisionLookBack.isNegative()) {
      throw new IllegalArgumentException("revisionLookBack must not be negative");
    }
  }

  /** Defaults with the given rules. */
  public static WorklogSettings defaults(WorklogRules rules) {
    return new WorklogSettings(
        DEFAULT_MAX_DETAILED, DEFAULT_MAX_LISTED, DEFAULT_HIGH_VOLUME, rules);
  }

  public WorklogSettings withMaxDetailed(int value) {
    return new WorklogSettings(value, maxListed, highVolume, rules, maxRoutine, revisionLookBack);
  }

  public WorklogSettings withRevisionLookBack(Duration value) {
    return new WorklogSettings(maxDetailed, maxListed, highVolume, rules, maxRoutine, value);
  }
}
