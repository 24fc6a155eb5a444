package dev.loggardener.normalize;

/**
 * The digit runs a guard measures ({@code min_digit_run}): how long the longest is, and where the
 * stretches holding long ones lie.
 */
final class DigitRuns {
  private DigitRuns() {}

  /**
   * The longest digit run of {@code chars[0, n)} if it has {@code atLeast} (positive) digits or
   * more, else a length below {@code atLeast}. A run is a sequence of ASCII digits that a single
   * space or dash between two digits does not end ({@code 4111 1111-1111 1111} is one run of 16).
   *
   * <p>A run lies inside a stretch of digits, spaces and dashes, and a run of {@code atLeast}
   * digits inside a stretch at least that long, which covers one of the positions {@code atLeast -
   * 1}, {@code 2 * atLeast - 1}... So only the stretches through those positions are looked at, and
   * only the long enough ones are measured: a few characters per {@code atLeast}, not all.
   */
  static int longest(char[] chars, int n, int atLeast) {
    return longest(chars, n, atLeast, null);
  }

  /**
   * {@link #longest(char[], int, int)}, recording in {@code span} (when not null) where the
   * stretches holding a run of {@code atLeast} digits or more lie.
   */
  static int longest(char[] chars, int n, int atLeast, TriggerSpan span) {
    int longest = 0;
    int covered = 0;
    for (int p = atLeast - 1; p < n; p += atLeast) {
      if (p < covered || !inDigitStretch(chars[p])) {
        continue;
      }
      int from = p;
      while (from > covered && inDigitStretch(chars[from - 1])) {
        from--;
      }
      int to = p + 1;
      while (to < n && inDigitStretch(chars[to])) {
        to++;
      }
      covered = to;
      if (to - from >= atLeast) {
        int run = longestRunIn(chars, from, to);
        longest = Math.max(longest, run);
        if (span != null && run >= atLeast) {
          span.digitsFrom = span.digitsFrom < 0 ? from : span.digitsFrom;
          span.digitsTo = to;
        }
      }
    }
    return longest;
  }

  /**
   * The longest digit run in {@code chars[from, to)}, a whole stretch of digits, spaces, dashes.
   */
  private static int longestRunIn(char[] chars, int from, int to) {
    int longest = 0;
    int run = 0;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (c >= '0' && c <= '9') {
        run++;
        longest = Math.max(longest, run);
      } else if (i + 1 >= to || chars[i + 1] < '0' || chars[i + 1] > '9') {
        run = 0;
      }
    }
    return longest;
  }

  private static boolean inDigitStretch(char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '-';
  }
}
