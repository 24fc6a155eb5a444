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
  /** Kinds of word; {@link #classify} returns one, with the length of a kept prefix. */
  static final int KEEP = 0;

  static final int NUM = 1;
  static final int DURATION = 2;
  static final int SIZE = 3;
  static final int IP = 4;
  static final int TIME = 5;
  static final int TS = 6;
  static final int UUID = 7;
  static final int HEX = 8;
  static final int HASH = 9;
  static final int PATH = 10;
  static final int URL = 11;
  static final int HOST = 12;
  static final int ID = 13;

  /** The placeholder of each kind but {@link #KEEP}, by kind. */
  private static final char[][] PLACEHOLDERS =
      Stream.of(
              "",
              "<NUM>",
              "<DURATION>",
              "<SIZE>",
              "<IP>",
              "<TIME>",
              "<TS>",
              "<UUID>",
              "<HEX>",
              "<HASH>",
              "<PATH>",
              "<URL>",
              "<HOST>",
              "<ID>")
          .map(String::toCharArray)
          .toArray(char[][]::new);

  private static final int KIND_BITS = 4;

  private static final WordSet DURATION_UNITS =
      new WordSet(
          Set.of(
              "ns", "us", "µs", "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs",
              "d"));
  private static final WordSet SIZE_UNITS =
      new WordSet(
          Set.of(
              "b", "B", "k", "K", "kb", "KB", "kB", "KiB", "M", "MB", "MiB", "G", "GB", "GiB", "T",
              "TB", "TiB", "bytes"));

  /** Longer text after a number cannot be a unit, so it is not looked up. */
  private static final int LONGEST_UNIT = Math.max(DURATION_UNITS.longest(), SIZE_UNITS.longest());

  private static final WordSet HOST_SUFFIXES =
      new WordSet(
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
              "gov"));

  /** Extensions of source and data files, whose {@code name.ext:42} is a line, not a port. */
  private static final WordSet SOURCE_EXTENSIONS =
      new WordSet(
          Set.of(
              "java",
              "kt",
              "scala",
              "groovy",
              "py",
              "go",
              "js",
              "mjs",
              "cjs",
              "ts",
              "tsx",
              "jsx",
              "rb",
              "cs",
              "php",
              "c",
              "cc",
              "cpp",
              "h",
              "hpp",
              "rs",
              "swift",
              "ex",
              "exs",
              "erl",
              "clj",
              "log",
              "txt",
              "json",
              "yaml",
              "yml",
              "xml",
              "html",
              "conf",
              "properties",
              "sql",
              "sh"));

  private static final WordSet PACKAGE_ROOTS =
      new WordSet(
          Set.of(
              "java", "javax", "jdk", "sun", "com", "org", "net", "io", "android", "kotlin",
              "scala"));

  private static final WordSet SEPARATE_DURATION_UNITS =
      new WordSet(
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
              "milliseconds"));

  private TokenClassifier() {}

  /** The kind in a result of {@link #classify}. */
  static int kind(int classified) {
    return classified & ((1 << KIND_BITS) - 1);
  }

  /** The number of characters kept before the placeholder, in a result of {@link #classify}. */
  static int prefixLength(int classified) {
    return classified >>> KIND_BITS;
  }

  /** The placeholder text of a kind other than {@link #KEEP}. */
  static char[] placeholder(int kind) {
    return PLACEHOLDERS[kind];
  }

  /**
   * The kind of a number written apart from its unit ({@code 250 ms}, {@code 1.2 KB}), given the
   * unit word: {@link #DURATION}, {@link #SIZE}, or {@link #KEEP} when the word is not a unit.
   */
  static int separateUnit(char[] s, int from, int to) {
    if (SEPARATE_DURATION_UNITS.contains(s, from, to)) {
      return DURATION;
    }
    return SIZE_UNITS.contains(s, from, to) ? SIZE : KEEP;
  }

  /**
   * The kind of {@code s[from, to)} together with the length of a prefix kept before its
   * placeholder (read them with {@link #kind} and {@link #prefixLength}); {@link #KEEP} keeps the
   * word. The caller, which has just scanned the word, says whether it has an ASCII digit and a
   * dot.
   */
  static int classify(char[] s, int from, int to, boolean hasDigit, boolean hasDot) {
    if (!hasDigit) {
      return !hasDot || isPlaceholder(s, from, to) || !isHost(s, from, to) ? KEEP : HOST;
    }
    return classifyWithDigits(s, from, to);
  }

  private static int classifyWithDigits(char[] s, int from, int to) {
    char first = s[from];
    // A sign or a bound ({@code <1 sec}, {@code >500 ms}) belongs to the number it precedes.
    boolean signed = first == '-' || first == '+' || first == '<' || first == '>';
    int start = signed && to - from > 1 ? from + 1 : from;
    int numEnd = scanNumber(s, start, to);
    if (numEnd == to && numEnd > start) {
      return NUM;
    }
    if (numEnd > start && isDigit(s[numEnd - 1]) && to - numEnd <= LONGEST_UNIT) {
      if (DURATION_UNITS.contains(s, numEnd, to)) {
        return DURATION;
      }
      if (SIZE_UNITS.contains(s, numEnd, to)) {
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
    if (to - from > 2 && first == '0' && (s[from + 1] | 32) == 'x') {
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
    if (isHostWithDigits(s, from, to)) {
      return HOST;
    }
    return withPrefix(s, from, to);
  }

  /** Keeps a leading run of letter-only segments and classifies the rest as one value. */
  private static int withPrefix(char[] s, int from, int to) {
    int prefixEnd = from;
    int segStart = from;
    for (int i = from; i < to; i++) {
      char c = s[i];
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
    return classifyWithDigits(s, prefixEnd, to) + ((prefixEnd - from) << KIND_BITS);
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '#' || c == '$';
  }

  /** Index after an unsigned decimal number (digits, one fraction, optional exponent). */
  private static int scanNumber(char[] s, int from, int to) {
    int i = from;
    while (i < to && isDigit(s[i])) {
      i++;
    }
    if (i == from) {
      return from;
    }
    if (i + 1 < to && (s[i] == '.' || s[i] == ',') && isDigit(s[i + 1])) {
      i++;
      while (i < to && isDigit(s[i])) {
        i++;
      }
    }
    if (i + 1 < to && (s[i] == 'e' || s[i] == 'E')) {
      int j = i + 1;
      if (s[j] == '-' || s[j] == '+') {
        j++;
      }
      if (j < to && isDigit(s[j])) {
        while (j < to && isDigit(s[j])) {
          j++;
        }
        return j;
      }
    }
    return i;
  }

  private static boolean isIpv4(char[] s, int from, int to) {
    int i = from;
    for (int part = 0; part < 4; part++) {
      int start = i;
      while (i < to && isDigit(s[i]) && i - start < 3) {
        i++;
      }
      if (i == start) {
        return false;
      }
      if (part < 3) {
        if (i >= to || s[i] != '.') {
          return false;
        }
        i++;
      }
    }
    if (i == to) {
      return true;
    }
    char c = s[i];
    if (c != ':' && c != '/') {
      return false;
    }
    for (int j = i + 1; j < to; j++) {
      if (!isDigit(s[j])) {
        return false;
      }
    }
    return to > i + 1;
  }

  private static boolean isIpv6(char[] s, int from, int to) {
    int colons = 0;
    for (int i = from; i < to; i++) {
      char c = s[i];
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

  private static boolean isTime(char[] s, int from, int to) {
    int i = from;
    int d = 0;
    while (i < to && isDigit(s[i]) && d < 2) {
      i++;
      d++;
    }
    if (d == 0 || i + 2 >= to || s[i] != ':') {
      return false;
    }
    for (int k = 1; k <= 2; k++) {
      if (!isDigit(s[i + k])) {
        return false;
      }
    }
    i += 3;
    if (i + 2 < to && s[i] == ':' && isDigit(s[i + 1]) && isDigit(s[i + 2])) {
      i += 3;
    }
    if (i < to && (s[i] == '.' || s[i] == ',')) {
      i++;
      while (i < to && isDigit(s[i])) {
        i++;
      }
    }
    return i == to || s[i] == 'Z' && i + 1 == to;
  }

  /** Dates such as 2024-05-05, 2005.06.03, 2016/9/27 or 17/06/09, with anything after them. */
  private static boolean isDate(char[] s, int from, int to) {
    int i = from;
    int first = 0;
    int second = 0;
    int third = 0;
    for (int part = 0; part < 3; part++) {
      int start = i;
      while (i < to && isDigit(s[i])) {
        i++;
      }
      int length = i - start;
      if (length == 0 || length > 4) {
        return false;
      }
      if (part == 0) {
        first = length;
      } else if (part == 1) {
        second = length;
      } else {
        third = length;
      }
      if (part < 2) {
        if (i >= to || (s[i] != '-' && s[i] != '/' && s[i] != '.')) {
          return false;
        }
        i++;
      }
    }
    boolean yearFirst = first == 4 && second <= 2 && third <= 2;
    boolean yearLast = first <= 2 && second <= 2 && third >= 2;
    return yearFirst || yearLast && i == to;
  }

  private static boolean isUuid(char[] s, int from) {
    for (int i = 0; i < 36; i++) {
      char c = s[from + i];
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDrivePrefix(char[] s, int from, int to) {
    return to - from > 3
        && Character.isLetter(s[from])
        && s[from + 1] == ':'
        && s[from + 2] == '\\';
  }

  private static boolean allHex(char[] s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isHexDigit(s[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s[from, to)} is one of the placeholders this class writes. */
  static boolean isTokenizerPlaceholder(String s, int from, int to) {
    String word = s.substring(from, to);
    for (char[] p : PLACEHOLDERS) {
      if (p.length > 0 && word.contentEquals(new String(p))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s[from, to)} is a placeholder such as {@code <NUM>} or {@code <X_Y>}. */
  static boolean isPlaceholder(String s, int from, int to) {
    return isPlaceholder(s.toCharArray(), from, to);
  }

  private static boolean isPlaceholder(char[] s, int from, int to) {
    if (to - from < 3 || s[from] != '<' || s[to - 1] != '>') {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s[i];
      if (!(c >= 'A' && c <= 'Z') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * A host name with digits, with or without a port: {@code ec2-3-4.compute.example.com}, {@code
   * proxy.example.edu.hk:5070}, {@code cache-2.internal:6379}. With a port, any dotted name whose
   * last label is two or more letters and not a source-file extension ({@code main.go:42}) counts,
   * so that {@code host:port}, {@code 1.2.3.4:port} and a bare host all become one placeholder each
   * rather than a kept host name with a masked port.
   */
  private static boolean isHostWithDigits(char[] s, int from, int to) {
    int colon = -1;
    for (int i = to - 1; i > from; i--) {
      char c = s[i];
      if (c == ':') {
        colon = i;
        break;
      }
      if (!isDigit(c)) {
        break;
      }
    }
    if (colon < 0) {
      return isDnsName(s, from, to) && isHost(s, from, to, false);
    }
    int port = to - colon - 1;
    return port >= 1 && port <= 5 && isDnsName(s, from, colon) && isHost(s, from, colon, true);
  }

  /** Lower-case labels of letters, digits and dashes, at least two, separated by single dots. */
  private static boolean isDnsName(char[] s, int from, int to) {
    int dots = 0;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if (c == '.') {
        if (i == from || i == to - 1 || s[i - 1] == '.') {
          return false;
        }
        dots++;
      } else if (!(c >= 'a' && c <= 'z') && !isDigit(c) && c != '-') {
        return false;
      }
    }
    return dots > 0;
  }

  /**
   * Whether a DNS-shaped name is a host: its last label is letters only and a common public suffix,
   * a two-letter country code after at least two other labels, or (with a port) any label of two or
   * more letters that is not a source-file extension; its first label is not a package root.
   */
  private static boolean isHost(char[] s, int from, int to, boolean withPort) {
    int lastDot = -1;
    int firstDot = -1;
    int dots = 0;
    for (int i = from; i < to; i++) {
      if (s[i] == '.') {
        firstDot = firstDot < 0 ? i : firstDot;
        lastDot = i;
        dots++;
      }
    }
    int suffix = to - lastDot - 1;
    for (int i = lastDot + 1; i < to; i++) {
      if (!(s[i] >= 'a' && s[i] <= 'z')) {
        return false;
      }
    }
    if (PACKAGE_ROOTS.contains(s, from, firstDot)) {
      return false;
    }
    if (HOST_SUFFIXES.contains(s, lastDot + 1, to)) {
      return true;
    }
    boolean file = SOURCE_EXTENSIONS.contains(s, lastDot + 1, to);
    return !file && (withPort ? suffix >= 2 : suffix == 2 && dots >= 2);
  }

  /** Lower-case dotted names under a common public suffix, e.g. db.internal or api.example.com. */
  private static boolean isHost(char[] s, int from, int to) {
    return isDnsName(s, from, to) && isHost(s, from, to, false);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
