package dev.loggardener.tracker;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the tracker step files problems.
 *
 * @param repository {@code OWNER/NAME} of the repository issues are filed in
 * @param label the label every filed issue carries; issues are found again by it and their marker
 * @param reopenRegressions reopen a closed issue whose fingerprint comes back; when false, a new
 *     issue refers to the closed one
 * @param maxCreations issues created per run at most; problems beyond it are reported, not filed
 */
public record TrackerSettings(
    String repository, String label, boolean reopenRegressions, int maxCreations)
    implements Serializable {
  /** Issues created per run unless configured otherwise. */
  public static final int DEFAULT_MAX_CREATIONS = 10;

  /** The label of filed issues unless configured otherwise. */
  public static final String DEFAULT_LABEL = "log-gardener";

  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}");

  public TrackerSettings {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(label, "label");
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "repository must be OWNER/NAME, e.g. acme/platform, got '" + repository + "'");
    }
    if (label.isBlank() || label.length() > 50) {
      throw new IllegalArgumentException("label must be 1 to 50 characters, got '" + label + "'");
    }
    if (maxCreations < 0) {
      throw new IllegalArgumentException("maxCreations must not be negative, got " + maxCreations);
    }
  }

  /** Defaults for a repository: label {@code log-gardener}, reopen, at most 10 creations. */
  public static TrackerSettings defaults(String repository) {
    return new TrackerSettings(repository, DEFAULT_LABEL, true, DEFAULT_MAX_CREATIONS);
  }
}
