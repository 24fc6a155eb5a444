package dev.loggardener.worklog;

/** How a category's volume compares with the previous period of the same length. */
public enum Trend {
  /**
   * The store holds nothing before this period, so nothing can be called new, back or rising: the
   * first period of a store, or a replayed export of one day.
   */
  NO_BASELINE("no baseline"),
  /** Never stored before this period, while the store holds older data. */
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

  /**
   * Ratio of current to previous count from which an INFO or DEBUG category rises sharply enough to
   * be a problem (a routine message that suddenly fires three times as often).
   */
  public static final double SHARP_RISE_RATIO = 3;

  /** Entries a category needs in the period before a rise can make it a problem. */
  public static final long SHARP_RISE_MIN_ENTRIES = 10;

  private final String words;

  Trend(String words) {
    this.words = words;
  }

  /** The trend in words, as the report prints it. */
  public String words() {
    return words;
  }

  /**
   * The trend of {@code current} entries against {@code previous}, or {@link #NO_BASELINE} when the
   * store holds nothing before the period.
   */
  public static Trend of(long current, long previous, boolean seenBeforePeriod, boolean baseline) {
    return baseline ? of(current, previous, seenBeforePeriod) : NO_BASELINE;
  }

  /** The trend of {@code current} entries against {@code previous}, with a baseline. */
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

  /** Whether {@code current} against {@code previous} is a sharp rise (see above). */
  public static boolean sharpRise(long current, long previous) {
    return previous > 0
        && current >= SHARP_RISE_MIN_ENTRIES
        && current >= previous * SHARP_RISE_RATIO;
  }

  /** Signed change in percent against the previous count, or null when there was none. */
  public static Long changePercent(long current, long previous) {
    if (previous == 0) {
      return null;
    }
    return Math.round((current - previous) * 100.0 / previous);
  }
}
