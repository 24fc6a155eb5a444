package dev.loggardener.normalize;

import java.util.Arrays;
import java.util.Set;

/** English month and weekday names, which are part of a date when a number or time follows. */
final class DateWords {
  private static final Set<String> WORDS =
      Set.of(
          "jan",
          "feb",
          "mar",
          "apr",
          "may",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "january",
          "february",
          "march",
          "april",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday");

  /** The words packed five bits per letter, sorted, so that a lookup allocates nothing. */
  private static final long[] KEYS =
      WORDS.stream().mapToLong(w -> key(w.toCharArray(), 0, w.length())).sorted().toArray();

  private DateWords() {}

  /** Whether {@code s[from, to)} is a capitalised or upper-case month or weekday name. */
  static boolean isDateWord(char[] s, int from, int to) {
    int len = to - from;
    if (len < 3 || len > 9) {
      return false;
    }
    char first = s[from];
    if (first < 128 ? first < 'A' || first > 'Z' : !Character.isUpperCase(first)) {
      return false;
    }
    long key = key(s, from, to);
    return key >= 0 && Arrays.binarySearch(KEYS, key) >= 0;
  }

  /**
   * The ASCII letters of {@code s[from, to)}, case folded, as 5-bit digits 1..26; -1 when there is
   * any other character (no date word has one, not even after lower-casing).
   */
  private static long key(char[] s, int from, int to) {
    long key = 0;
    for (int i = from; i < to; i++) {
      int c = s[i] | 0x20;
      if (c < 'a' || c > 'z') {
        return -1;
      }
      key = key << 5 | (c - 'a' + 1);
    }
    return key;
  }
}
