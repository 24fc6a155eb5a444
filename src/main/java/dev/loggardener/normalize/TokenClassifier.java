package dev.loggardener.normalize;

import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, without regexes, whether one word of a message is a variable and which placeholder
 * stands for it.
 *
 * <p>Words without digits are kept, except URLs and host names. Words with digits become a typed
 * placeholder: {@code <NUM>}, {@code <DURATION>} ({@code 0.51s}, {@code 250ms}), {@code <SIZE>}
 * ({@code 12MB}), {@code <IP>} (IPv4/IPv6, with port), {@code <TIME>}, {@code <TS>} (dates and
 * timestamps), {@code <UUID>}, {@code <HEX>}, {@code <HASH>}, {@code <PATH>}, {@code <URL>} or
 * {@code <ID>}. A leading run of letter-only segments is kept as a prefix ({@code node-<NUM>},
 * {@code blk_<NUM>}, {@code netra-backend-<ID>} for a Cloud Run revision or pod name), because that
 * prefix says what kind of thing the id names.
 */
final class TokenClassifier {
  static final String NUM = "<NUM>";
  static final String DURATION = "<DURATION>";
  static final String SIZE = "<SIZE>";
  static final String IP = "<IP>";
  static final String TIME = "<TIME>";
  static final String TS = "<TS>";
  static final String UUID = "<UUID>";
  static final String HEX = "<HEX>";
  static final String HASH = "<HASH>";
  static final String PATH = "<PATH>";
  static final String URL = "<URL>";
  static final String HOST = "<HOST>";
  static final String ID = "<ID>";

  private static final Set<String> DURATION_UNITS =
      Set.of("ns", "us", "µs", "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "d");
  private static final Set<String> SIZE_UNITS =
      Set.of(
          "b", "B", "k", "K", "kb", "KB", "kB", "KiB", "M", "MB", "MiB", "G", "GB", "GiB", "T",
          "TB", "TiB", "bytes");

  /** Longer text after a number cannot be a unit, so it is not looked up. */
  private static final int LONGEST_UNIT =
      Stream.concat(DURATION_UNITS.stream(), SIZE_UNITS.stream())
          .mapToInt(String::length)
          .max()
          .orElse(0);

  private static final Set<String> HOST_SUFFIXES =
      Set.of(
          "com",
          "net",
          "org",
          "io",
          "dev",
          "app",
          "cloud",
          "internal",
          "local",
          "localdomain",
          "lan",
          "edu",
          "gov");
  private static final Set<String> PACKAGE_ROOTS =
      Set.of(
          "java", "javax", "jdk", "sun", "com", "org", "net", "io", "android", "kotlin", "scala");

  private static final Set<String> SEPARATE_DURATION_UNITS =
      Set.of(
          "ns",
          "us",
          "µs",
          "ms",
          "sec",
          "secs",
          "second",
          "seconds",
          "min",
          "mins",
          "minute",
          "minutes",
          "hour",
          "hours",
          "millis",
          "milliseconds");

  private TokenClassifier() {}

  /**
   * The placeholder for a number written apart from its unit ({@code 250 ms}, {@code 1.2 KB}),
   * given the unit word, or null when the word is not a unit.
   */
  static String separateUnit(String s, int from, int to) {
    if (to - from > 12) {
      return null;
    }
    String word = s.substring(from, to);
    if (SEPARATE_DURATION_UNITS.contains(word)) {
      return DURATION;
    }
    return SIZE_UNITS.contains(word) ? SIZE : null;
  }

  /** The placeholder (possibly after a kept prefix) for {@code s[from, to)}, or null to keep it. */
  static String classify(String s, int from, int to) {
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (digits == 0) {
      return isPlaceholder(s, from, to) || !isHost(s, from, to) ? null : HOST;
    }
    return classifyWithDigits(s, from, to);
  }

  private static String classifyWithDigits(String s, int from, int to) {
    char first = s.charAt(from);
    int start = (first == '-' || first == '+') && to - from > 1 ? from + 1 : from;
    int numEnd = scanNumber(s, start, to);
    if (numEnd == to && numEnd > start) {
      return NUM;
    }
    if (numEnd > start && isDigit(s.charAt(numEnd - 1)) && to - numEnd <= LONGEST_UNIT) {
      String unit = s.substring(numEnd, to);
      if (DURATION_UNITS.contains(unit)) {
        return DURATION;
      }
      if (SIZE_UNITS.contains(unit)) {
        return SIZE;
      }
    }
    if (isIpv4(s, from, to)) {
      return IP;
    }
    if (isTime(s, from, to)) {
      return TIME;
    }
    if (isDate(s, from, to)) {
      return TS;
    }
    if (to - from == 36 && isUuid(s, from)) {
      return UUID;
    }
    if (to - from > 2 && first == '0' && (s.charAt(from + 1) | 32) == 'x') {
      return allHex(s, from + 2, to) ? HEX : ID;
    }
    if (allHex(s, from, to)) {
      int len = to - from;
      return len >= 32 ? HASH : len >= 6 ? HEX : ID;
    }
    if (isIpv6(s, from, to)) {
      return IP;
    }
    if (first == '/' || first == '~' || first == '\\' || hasDrivePrefix(s, from, to)) {
      return PATH;
    }
    return withPrefix(s, from, to);
  }

  /** Keeps a leading run of letter-only segments and classifies the rest as one value. */
  private static String withPrefix(String s, int from, int to) {
    int prefixEnd = from;
    int segStart = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (isSeparator(c)) {
        if (i > segStart || i == from) {
          prefixEnd = i + 1;
        }
        segStart = i + 1;
      } else if (!Character.isLetter(c)) {
        break;
      }
    }
    if (prefixEnd == from || prefixEnd >= to) {
      return ID;
    }
    String rest = classifyWithDigits(s, prefixEnd, to);
    return s.substring(from, prefixEnd) + rest;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '#' || c == '$';
  }

  /** Index after an unsigned decimal number (digits, one fraction, optional exponent). */
  private static int scanNumber(String s, int from, int to) {
    int i = from;
    while (i < to && isDigit(s.charAt(i))) {
      i++;
    }
    if (i == from) {
      return from;
    }
    if (i + 1 < to && (s.charAt(i) == '.' || s.charAt(i) == ',') && isDigit(s.charAt(i + 1))) {
      i++;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i + 1 < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (s.charAt(j) == '-' || s.charAt(j) == '+') {
        j++;
      }
      if (j < to && isDigit(s.charAt(j))) {
        while (j < to && isDigit(s.charAt(j))) {
          j++;
        }
        return j;
      }
    }
    return i;
  }

  private static boolean isIpv4(String s, int from, int to) {
    int i = from;
    for (int part = 0; part < 4; part++) {
      int start = i;
      while (i < to && isDigit(s.charAt(i)) && i - start < 3) {
        i++;
      }
      if (i == start) {
        return false;
      }
      if (part < 3) {
        if (i >= to || s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    if (i == to) {
      return true;
    }
    char c = s.charAt(i);
    if (c != ':' && c != '/') {
      return false;
    }
    for (int j = i + 1; j < to; j++) {
      if (!isDigit(s.charAt(j))) {
        return false;
      }
    }
    return to > i + 1;
  }

  private static boolean isIpv6(String s, int from, int to) {
    int colons = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colons++;
      } else if (c == '%') {
        break;
      } else if (!isHexDigit(c) && c != '.') {
        return false;
      }
    }
    return colons >= 2;
  }

  private static boolean isTime(String s, int from, int to) {
    int i = from;
    int d = 0;
    while (i < to && isDigit(s.charAt(i)) && d < 2) {
      i++;
      d++;
    }
    if (d == 0 || i + 2 >= to || s.charAt(i) != ':') {
      return false;
    }
    for (int k = 1; k <= 2; k++) {
      if (!isDigit(s.charAt(i + k))) {
        return false;
      }
    }
    i += 3;
    if (i + 2 < to && s.charAt(i) == ':' && isDigit(s.charAt(i + 1)) && isDigit(s.charAt(i + 2))) {
      i += 3;
    }
    if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
      i++;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
    }
    return i == to || s.charAt(i) == 'Z' && i + 1 == to;
  }

  /** Dates such as 2024-05-05, 2005.06.03, 2016/9/27 or 17/06/09, with anything after them. */
  private static boolean isDate(String s, int from, int to) {
    int i = from;
    int[] lengths = new int[3];
    for (int part = 0; part < 3; part++) {
      int start = i;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
      lengths[part] = i - start;
      if (lengths[part] == 0 || lengths[part] > 4) {
        return false;
      }
      if (part < 2) {
        if (i >= to || (s.charAt(i) != '-' && s.charAt(i) != '/' && s.charAt(i) != '.')) {
          return false;
        }
        i++;
      }
    }
    boolean yearFirst = lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2;
    boolean yearLast = lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] >= 2;
    return yearFirst || yearLast && i == to;
  }

  private static boolean isUuid(String s, int from) {
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(from + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDrivePrefix(String s, int from, int to) {
    return to - from > 3
        && Character.isLetter(s.charAt(from))
        && s.charAt(from + 1) == ':'
        && s.charAt(from + 2) == '\\';
  }

  private static boolean allHex(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isPlaceholder(String s, int from, int to) {
    if (to - from < 3 || s.charAt(from) != '<' || s.charAt(to - 1) != '>') {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** Lower-case dotted names under a common public suffix, e.g. db.internal or api.example.com. */
  private static boolean isHost(String s, int from, int to) {
    int lastDot = -1;
    int firstDot = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (i == from || i == to - 1 || s.charAt(i - 1) == '.') {
          return false;
        }
        if (firstDot < 0) {
          firstDot = i;
        }
        lastDot = i;
      } else if (!(c >= 'a' && c <= 'z') && c != '-') {
        return false;
      }
    }
    return lastDot > 0
        && HOST_SUFFIXES.contains(s.substring(lastDot + 1, to))
        && !PACKAGE_ROOTS.contains(s.substring(from, firstDot));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
