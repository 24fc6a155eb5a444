package dev.loggardener.worklog;

/** How a category's volume compares with the previous period of the same length. */
public enum Trend {
  /** Never stored before this period. */
  NEW("new"),
  /** Seen before, but not in the previous period. */
  RETURNING("back after quiet"),
  /** At least {@link #RISING_RATIO} times the previous period's count. */
  RISING("rising"),
  /** At most 1 / {@link #RISING_RATIO} of the previous period's count. */
  FALLING("falling"),
  STEADY("steady");

  /** Ratio of current to previous count from which a category counts as rising. */
  public static final double RISING_RATIO = 1.5;

  private final String words;

  Trend(String words) {
    this.words = words;
  }

  /** The trend in words, as the report prints it. */
  public String words() {
    return words;
  }

  /** The trend of {@code current} entries against {@code previous}. */
  public static Trend of(long current, long previous, boolean seenBeforePeriod) {
    if (previous == 0) {
      return seenBeforePeriod ? RETURNING : NEW;
    }
    if (current >= previous * RISING_RATIO) {
      return RISING;
    }
    if (current * RISING_RATIO <= previous) {
      return FALLING;
    }
    return STEADY;
  }

  /** Signed change in percent against the previous count, or null when there was none. */
  public static Long changePercent(long current, long previous) {
    if (previous == 0) {
      return null;
    }
    return Math.round((current - previous) * 100.0 / previous);
  }
}
