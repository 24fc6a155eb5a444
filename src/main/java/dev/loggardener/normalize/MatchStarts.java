package dev.loggardener.normalize;

import java.util.regex.Pattern;

/**
 * The ASCII characters that every match of a regex must start with, and those it must not follow,
 * when the regex's text shows them plainly, so that a search can skip every other position instead
 * of trying the regex there.
 *
 * <p>Only a conservative subset is read: no flags, leading lookarounds and {@code \b}, then one
 * literal letter or digit, {@code \d}, or a class of literal ASCII characters and ranges, which
 * must not be optional; no {@code |} outside parentheses, no inline flags, no {@code \Q}, no {@code
 * \G}. A leading negative lookbehind of one such class (which may also hold {@code \w} and {@code
 * \d}) gives the characters a match must not follow. Anything else gives no answer ({@code null}),
 * and the regex is searched for as usual.
 */
final class MatchStarts {
  private final boolean[] first;

  /** Characters a match never follows; null when not known. */
  private final boolean[] notAfter;

  private MatchStarts(boolean[] first, boolean[] notAfter) {
    this.first = first;
    this.notAfter = notAfter;
  }

  /** Whether a match may start at {@code text[at]}: false only where none can. */
  boolean mayStartAt(String text, int at) {
    char c = text.charAt(at);
    if (c >= 128 || !first[c]) {
      return false;
    }
    if (notAfter == null || at == 0) {
      return true;
    }
    char before = text.charAt(at - 1);
    return before >= 128 || !notAfter[before];
  }

  /** The start characters of a regex's matches, or null when they cannot be told. */
  static MatchStarts of(Pattern pattern) {
    String re = pattern.pattern();
    if (pattern.flags() != 0
        || re.contains("\\Q")
        || re.contains("\\G")
        || hasInlineFlags(re)
        || hasTopLevelAlternation(re)) {
      return null;
    }
    int at = 0;
    boolean[] notAfter = null;
    while (true) {
      if (re.startsWith("(?<![", at) && notAfter == null) {
        boolean[] chars = new boolean[128];
        int end = readClass(re, at + 5, chars, true);
        if (end > 0 && end < re.length() && re.charAt(end) == ')') {
          notAfter = chars;
          at = end + 1;
          continue;
        }
      }
      if (re.startsWith("(?=", at)
          || re.startsWith("(?!", at)
          || re.startsWith("(?<=", at)
          || re.startsWith("(?<!", at)) {
        at = closingParen(re, at);
        if (at < 0) {
          return null;
        }
        at++;
      } else if (re.startsWith("\\b", at)) {
        at += 2;
      } else {
        break;
      }
    }
    boolean[] starts = new boolean[128];
    int next;
    if (re.startsWith("\\d", at)) {
      for (char c = '0'; c <= '9'; c++) {
        starts[c] = true;
      }
      next = at + 2;
    } else if (at < re.length() && re.charAt(at) == '[') {
      next = readClass(re, at + 1, starts, false);
    } else if (at < re.length() && re.charAt(at) < 128 && Character.isLetterOrDigit(re.charAt(at))) {
      starts[re.charAt(at)] = true;
      next = at + 1;
    } else {
      return null;
    }
    if (next < 0 || next < re.length() && isOptional(re, next)) {
      return null;
    }
    return new MatchStarts(starts, notAfter);
  }

  /** Whether {@code c} may start a match, ignoring what precedes it; for tests. */
  boolean mayStartWith(char c) {
    return c < 128 && first[c];
  }

  /** Whether a match never follows {@code c}; for tests. */
  boolean neverFollows(char c) {
    return notAfter != null && c < 128 && notAfter[c];
  }

  /**
   * Marks the characters of the class whose body starts at {@code from} and returns the index after
   * its closing bracket, or -1 when the class is not plain literals and ranges (and, if {@code
   * escapes}, {@code \w} and {@code \d}).
   */
  private static int readClass(String re, int from, boolean[] starts, boolean escapes) {
    int i = from;
    if (i < re.length() && re.charAt(i) == '^') {
      return -1;
    }
    while (i < re.length() && re.charAt(i) != ']') {
      char c = re.charAt(i);
      if (escapes && c == '\\' && i + 1 < re.length() && "wd".indexOf(re.charAt(i + 1)) >= 0) {
        for (char k = 0; k < 128; k++) {
          boolean digit = k >= '0' && k <= '9';
          boolean word = digit || k == '_' || k >= 'a' && k <= 'z' || k >= 'A' && k <= 'Z';
          starts[k] |= re.charAt(i + 1) == 'd' ? digit : word;
        }
        i += 2;
        continue;
      }
      if (!isPlainClassChar(c) || i == from && c == '-') {
        return -1;
      }
      if (i + 2 < re.length() && re.charAt(i + 1) == '-' && re.charAt(i + 2) != ']') {
        char last = re.charAt(i + 2);
        if (!isPlainClassChar(last) || last < c) {
          return -1;
        }
        for (char k = c; k <= last; k++) {
          starts[k] = true;
        }
        i += 3;
      } else {
        starts[c] = true;
        i++;
      }
    }
    return i < re.length() && i > from ? i + 1 : -1;
  }

  /** ASCII letters, digits and a few punctuation characters that mean themselves in a class. */
  private static boolean isPlainClassChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0);
  }

  private static boolean isOptional(String re, int at) {
    char q = re.charAt(at);
    return q == '?' || q == '*' || q == '{' && at + 1 < re.length() && !isNonZeroDigit(re, at + 1);
  }

  private static boolean isNonZeroDigit(String re, int at) {
    char c = re.charAt(at);
    return c >= '1' && c <= '9';
  }

  /** Index of the parenthesis that closes the group opening at {@code open}, or -1. */
  private static int closingParen(String re, int open) {
    int depth = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the bracket that closes the class opening at {@code open}, or -1. */
  private static int classEnd(String re, int open) {
    int depth = 0;
    int i = open;
    while (i < re.length()) {
      char c = re.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        // A ']' right after the opening bracket (or its '^') is a literal in Java.
        int body = i + 1 < re.length() && re.charAt(i + 1) == '^' ? i + 2 : i + 1;
        if (body < re.length() && re.charAt(body) == ']') {
          i = body;
        }
      } else if (c == ']' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static boolean hasTopLevelAlternation(String re) {
    int depth = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return true;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  /** Groups that start with {@code (?} followed by anything but {@code :}, {@code =}, {@code !}. */
  private static boolean hasInlineFlags(String re) {
    for (int i = 0; i + 2 < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' && re.charAt(i + 1) == '?') {
        char kind = re.charAt(i + 2);
        boolean lookbehind =
            kind == '<' && i + 3 < re.length() && "=!".indexOf(re.charAt(i + 3)) >= 0;
        if (kind != ':' && kind != '=' && kind != '!' && !lookbehind) {
          return true;
        }
      }
    }
    return false;
  }
}
