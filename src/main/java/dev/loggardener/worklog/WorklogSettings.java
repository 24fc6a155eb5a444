package dev.loggardener.worklog;

import java.util.Objects;

/**
 * What a worklog run is configured with, besides its input.
 *
 * @param project shown in the header
 * @param maxDetailed categories that get a full section; the rest are one-line rows
 * @param maxListed one-line rows at most; further categories are only counted
 * @param highVolume entries per period from which a WARNING-or-worse category is raised one step
 */
public record WorklogSettings(
    String project, int maxDetailed, int maxListed, long highVolume, WorklogRules rules) {
  public static final int DEFAULT_MAX_DETAILED = 10;
  public static final int DEFAULT_MAX_LISTED = 200;
  public static final long DEFAULT_HIGH_VOLUME = 1000;

  public WorklogSettings {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(rules, "rules");
    if (maxDetailed < 0 || maxListed < 0 || highVolume <= 0) {
      throw new IllegalArgumentException(
          "maxDetailed and maxListed must not be negative and highVolume must be positive");
    }
  }

  /** Defaults with the given project and rules. */
  public static WorklogSettings defaults(String project, WorklogRules rules) {
    return new WorklogSettings(
        project, DEFAULT_MAX_DETAILED, DEFAULT_MAX_LISTED, DEFAULT_HIGH_VOLUME, rules);
  }

  public WorklogSettings withMaxDetailed(int value) {
    return new WorklogSettings(project, value, maxListed, highVolume, rules);
  }
}
