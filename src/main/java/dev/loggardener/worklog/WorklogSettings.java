package dev.loggardener.worklog;

import java.util.Objects;

/**
 * What a worklog run is configured with, besides its input.
 *
 * @param maxDetailed categories that get a full section; the rest are one-line rows
 * @param maxListed one-line rows at most; further categories are only counted
 * @param highVolume entries per period from which a WARNING-or-worse category is raised one step
 */
public record WorklogSettings(int maxDetailed, int maxListed, long highVolume, WorklogRules rules) {
  public static final int DEFAULT_MAX_DETAILED = 10;
  public static final int DEFAULT_MAX_LISTED = 200;
  public static final long DEFAULT_HIGH_VOLUME = 1000;

  public WorklogSettings {
    Objects.requireNonNull(rules, "rules");
    if (maxDetailed < 0 || maxListed < 0 || highVolume <= 0) {
      throw new IllegalArgumentException(
          "maxDetailed and maxListed must not be negative and highVolume must be positive");
    }
  }

  /** Defaults with the given rules. */
  public static WorklogSettings defaults(WorklogRules rules) {
    return new WorklogSettings(
        DEFAULT_MAX_DETAILED, DEFAULT_MAX_LISTED, DEFAULT_HIGH_VOLUME, rules);
  }

  public WorklogSettings withMaxDetailed(int value) {
    return new WorklogSettings(value, maxListed, highVolume, rules);
  }
}
